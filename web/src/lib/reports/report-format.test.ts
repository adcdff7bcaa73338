import { describe, expect, it } from 'vitest';
import { formatChange, formatDay, formatRate, formatShortDay, targetStatus } from './report-format.ts';

// Intl puts a no-break space before the percent sign in Russian.
const plain = (text: string | null) => text?.replace(/\u00a0|\u202f/g, ' ');

describe('report figures in a language', () => {
  it('writes rates as percentages to a tenth, in the locale’s way', () => {
    expect(plain(formatRate(0.853, 'ru-RU'))).toBe('85,3 %');
    expect(formatRate(0.853, 'en-GB')).toBe('85.3%');
    expect(formatRate(1, 'en-GB')).toBe('100%');
    expect(formatRate(null, 'en-GB')).toBeNull();
  });

  it('writes changes with their sign', () => {
    expect(formatChange(0.12, 'en-GB')).toBe('+12%');
    expect(formatChange(-0.05, 'en-GB')).toBe('-5%');
    expect(formatChange(0, 'en-GB')).toBe('0%');
    expect(plain(formatChange(4, 'ru-RU'))).toBe('+400 %');
    expect(formatChange(null, 'ru-RU')).toBeNull();
  });

  it('writes calendar days without shifting them by a zone', () => {
    expect(formatDay('2026-11-01', 'ru-RU')).toBe('01.11.2026');
    expect(formatDay('2026-11-01', 'en-GB')).toBe('01/11/2026');
    expect(formatShortDay('2026-11-30', 'ru-KZ')).toBe('30.11');
  });

  it('judges a rate against its target', () => {
    expect(targetStatus(0.86, 0.85)).toBe('met');
    expect(targetStatus(0.85, 0.85)).toBe('met');
    expect(targetStatus(0.7, 0.85)).toBe('below');
    expect(targetStatus(null, 0.85)).toBe('none');
  });
});
