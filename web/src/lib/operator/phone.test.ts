import { describe, expect, it } from 'vitest';
import { isLookupPhone, phoneDigits, phoneForTicket } from './phone.ts';

describe('phoneDigits', () => {
  it('keeps only the digits, however the number was written', () => {
    expect(phoneDigits('+7 (701) 555-12-34')).toBe('77015551234');
    expect(phoneDigits('8 701 555 12 34')).toBe('87015551234');
    expect(phoneDigits('')).toBe('');
  });
});

describe('isLookupPhone', () => {
  it('asks for the earlier appeals from ten digits on', () => {
    expect(isLookupPhone('701 555 12 3')).toBe(false);
    expect(isLookupPhone('701 555 12 34')).toBe(true);
    expect(isLookupPhone('+7 701 555 12 34')).toBe(true);
  });

  it('does not ask for more than an international number holds', () => {
    expect(isLookupPhone('1234567890123456')).toBe(false);
  });
});

describe('phoneForTicket', () => {
  it('passes a number the server accepts, trimmed', () => {
    expect(phoneForTicket('  +7 701 555-12-34 ')).toBe('+7 701 555-12-34');
  });

  it('drops what the server would refuse', () => {
    expect(phoneForTicket('')).toBeUndefined();
    expect(phoneForTicket('call me')).toBeUndefined();
    expect(phoneForTicket('+7 701 555 12 34 ext 5')).toBeUndefined();
  });
});
