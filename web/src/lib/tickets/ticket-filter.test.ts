import { describe, expect, it } from 'vitest';
import { ticketQueryString } from '../api.ts';
import { DEFAULT_FILTER, filterToQuery } from './ticket-filter.ts';

describe('filterToQuery', () => {
  it('asks for open tickets by default', () => {
    expect(filterToQuery(DEFAULT_FILTER)).toEqual({ open: true });
  });

  it('passes one state, the reference filters and trimmed text, and drops empty ones', () => {
    expect(
      filterToQuery({
        state: 'assigned',
        categoryId: 'open-manhole',
        agencyId: '',
        districtId: 'yesil',
        q: '  Kenesary ',
      }),
    ).toEqual({ state: ['assigned'], categoryId: 'open-manhole', districtId: 'yesil', q: 'Kenesary' });
    expect(filterToQuery({ ...DEFAULT_FILTER, state: 'all' })).toEqual({});
  });
});

describe('ticketQueryString', () => {
  it('builds the query string the server parses', () => {
    expect(ticketQueryString({ state: ['registered', 'assigned'], open: true, q: ' a&b ', limit: 50 })).toBe(
      '?state=registered%2Cassigned&open=true&q=a%26b&limit=50',
    );
    expect(ticketQueryString({})).toBe('');
  });
});
