import { describe, expect, it } from 'vitest';
import { ticketQueryString } from '../api.ts';
import { DEFAULT_FILTER, defaultFilterFor, filterToQuery } from './ticket-filter.ts';

describe('filterToQuery', () => {
  it('asks for open tickets newest first by default, and agency staff start with their queue by deadline', () => {
    expect(filterToQuery(DEFAULT_FILTER)).toEqual({ open: true, sort: 'newest' });
    expect(filterToQuery(defaultFilterFor('agency'))).toEqual({ open: true, sort: 'deadline' });
    expect(defaultFilterFor('supervisor')).toEqual(DEFAULT_FILTER);
  });

  it('passes one state, the reference filters, the SLA state and trimmed text, and drops empty ones', () => {
    expect(
      filterToQuery({
        ...DEFAULT_FILTER,
        state: 'assigned',
        categoryId: 'open-manhole',
        districtId: 'yesil',
        channel: 'telegram',
        slaState: 'breached',
        sort: 'deadline',
        q: '  Kenesary ',
      }),
    ).toEqual({
      state: ['assigned'],
      categoryId: 'open-manhole',
      districtId: 'yesil',
      channel: 'telegram',
      slaState: ['breached'],
      sort: 'deadline',
      q: 'Kenesary',
    });
    expect(filterToQuery({ ...DEFAULT_FILTER, state: 'all' })).toEqual({ sort: 'newest' });
  });

  it('asks the at-risk view for open tickets in the window, whatever the state, SLA and sort say', () => {
    expect(
      filterToQuery({
        ...DEFAULT_FILTER,
        view: 'atRisk',
        state: 'closed',
        slaState: 'paused',
        sort: 'newest',
        riskWindowMinutes: 30,
        agencyId: 'astana-su',
      }),
    ).toEqual({ open: true, atRisk: true, riskWindowMinutes: 30, agencyId: 'astana-su' });
  });
});

describe('ticketQueryString', () => {
  it('builds the query string the server parses', () => {
    expect(ticketQueryString({ state: ['registered', 'assigned'], open: true, q: ' a&b ', limit: 50 })).toBe(
      '?state=registered%2Cassigned&open=true&q=a%26b&limit=50',
    );
    expect(
      ticketQueryString({
        slaState: ['warning', 'breached'],
        atRisk: true,
        riskWindowMinutes: 30,
        sort: 'deadline',
      }),
    ).toBe('?slaState=warning%2Cbreached&atRisk=true&riskWindowMinutes=30&sort=deadline');
    expect(ticketQueryString({})).toBe('');
  });
});
