import { describe, expect, it } from 'vitest';
import { canCreateTickets, homePathFor, scopeFor, usesConsole } from './roles.ts';

describe('roles', () => {
  it('sends displays and supervisors to the wallboard, operators to their console, everyone else to the list', () => {
    expect(homePathFor('display')).toBe('/wallboard');
    expect(homePathFor('supervisor')).toBe('/wallboard');
    expect(homePathFor('admin')).toBe('/(console)/tickets');
    expect(homePathFor('operator')).toBe('/(console)/operator');
    expect(homePathFor('agency')).toBe('/(console)/tickets');
  });

  it('lets the centre register appeals, not agencies or displays', () => {
    expect(['admin', 'supervisor', 'operator'].every((r) => canCreateTickets(r as never))).toBe(true);
    expect(canCreateTickets('agency')).toBe(false);
    expect(canCreateTickets('display')).toBe(false);
    expect(usesConsole('display')).toBe(false);
  });

  it('scopes agency staff to their agency and nobody else', () => {
    expect(scopeFor({ role: 'agency', agencyId: 'astana-su' })).toEqual({ agencyId: 'astana-su' });
    expect(scopeFor({ role: 'operator', agencyId: null })).toEqual({});
  });
});
