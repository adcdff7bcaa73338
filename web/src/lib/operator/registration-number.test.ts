import { describe, expect, it } from 'vitest';
import { parseRegistrationNumber, readAloud } from './registration-number.ts';

describe('readAloud', () => {
  it('splits the year from the serial and the serial into threes', () => {
    expect(readAloud('2026-000123')).toBe('2026 – 000 123');
    expect(readAloud('2026-123456')).toBe('2026 – 123 456');
    expect(readAloud('2026-1234567')).toBe('2026 – 1 234 567');
    expect(readAloud('2027-000001234')).toBe('2027 – 000 001 234');
  });

  it('leaves anything that is no registration number as it is', () => {
    expect(readAloud('#42')).toBe('#42');
    expect(readAloud('')).toBe('');
  });
});

describe('parseRegistrationNumber', () => {
  it('reads the number however the caller dictates it', () => {
    for (const typed of ['2026-000123', '2026 – 000 123', '2026000123', '2026-123', ' 2026 / 123 ']) {
      expect(parseRegistrationNumber(typed, 2026), typed).toBe('2026-000123');
    }
  });

  it("takes a bare serial as this year's", () => {
    expect(parseRegistrationNumber('123', 2027)).toBe('2027-000123');
    expect(parseRegistrationNumber('000 123', 2027)).toBe('2027-000123');
  });

  it('keeps long serials', () => {
    expect(parseRegistrationNumber('2026-1234567', 2026)).toBe('2026-1234567');
    expect(parseRegistrationNumber('20261234567', 2026)).toBe('2026-1234567');
  });

  it('refuses what cannot be a number', () => {
    for (const typed of ['', 'abc', '2026-', '0', '2026-0', '12345678', '2026-1234567890', '+7 701'])
      expect(parseRegistrationNumber(typed, 2026), typed).toBeNull();
  });
});
