import { describe, expect, it } from 'vitest';
import { REGISTRATION_NUMBER_LIKE } from '../../../../server/engine/registration-number.ts';
import {
  isRegistrationNumber,
  normalizeRegistrationNumber,
  REGISTRATION_NUMBER,
} from './registration-number.ts';

describe('isRegistrationNumber', () => {
  it('is the server’s rule', () => {
    expect(REGISTRATION_NUMBER.source).toBe(REGISTRATION_NUMBER_LIKE.source);
  });

  it('accepts the default format and configured ones', () => {
    for (const text of ['2026-000123', '2027-123456789', '109-26-000123', 'AST/2026/0042'])
      expect(isRegistrationNumber(text), text).toBe(true);
  });

  it('refuses anything else', () => {
    for (const text of [
      '',
      '123',
      'abc',
      '2026',
      '26-12',
      ' 2026-000123',
      '2026_000123',
      'hello',
      'a-b-c-d-e',
    ])
      expect(isRegistrationNumber(text), text).toBe(false);
  });
});

describe('normalizeRegistrationNumber', () => {
  it('drops spaces and turns typographic dashes into hyphens', () => {
    expect(normalizeRegistrationNumber(' 2026 – 000123 ')).toBe('2026-000123');
    expect(normalizeRegistrationNumber('2026—000123')).toBe('2026-000123');
    expect(isRegistrationNumber(normalizeRegistrationNumber('2026 − 000123'))).toBe(true);
  });
});
