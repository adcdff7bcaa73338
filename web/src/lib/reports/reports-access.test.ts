import { describe, expect, it } from 'vitest';
import { ROLES } from '#contracts/auth.contract.ts';
import { canSeeReports } from './reports-access.ts';

describe('canSeeReports', () => {
  it('lets supervisors and administrators read reports, and no one else', () => {
    expect(ROLES.filter(canSeeReports)).toEqual(['admin', 'supervisor']);
  });
});
