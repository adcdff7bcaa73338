import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { toCreateTicket } from './public-report.intake.ts';

const base = { categoryId: 'flooding', description: 'Water', lat: 51.128, lon: 71.43 };

describe('toCreateTicket', () => {
  it('files on the web channel, with name and e-mail together for staff', () => {
    expect(
      toCreateTicket({ ...base, name: 'Aigerim Bekova', email: 'a@example.kz', phone: '+7 701 123 45 67' }),
    ).toEqual({
      ...base,
      channel: 'web',
      reporterName: 'Aigerim Bekova <a@example.kz>',
      reporterPhone: '+7 701 123 45 67',
    });
    expect(toCreateTicket({ ...base, email: 'a@example.kz' }).reporterName).toBe('<a@example.kz>');
    expect(toCreateTicket(base).reporterName).toBeUndefined();
  });

  it("names the report's own fields when the ticket's rules refuse", () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (err) {
        return (err as DomainError).fields;
      }
      return undefined;
    };
    expect(refused(() => toCreateTicket({ ...base, phone: 'call me' }))).toEqual({
      phone: 'must be a phone number such as +7 701 123 45 67',
    });
    expect(
      refused(() => toCreateTicket({ ...base, name: 'n'.repeat(190), email: 'aigerim@example.kz' })),
    ).toEqual({
      email: 'together with the name must be at most 197 characters',
    });
  });
});
