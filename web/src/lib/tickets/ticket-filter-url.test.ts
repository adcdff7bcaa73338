import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, defaultFilterFor } from './ticket-filter.ts';
import { filterFromSearch, filterToSearch } from './ticket-filter-url.ts';

describe('the ticket filter in the URL', () => {
  it('names only what differs from the defaults, and reads back the same filter', () => {
    const form = {
      ...DEFAULT_FILTER,
      state: 'all',
      districtId: 'almaty',
      q: ' люк ',
      slaState: 'breached' as const,
      sort: 'deadline' as const,
    };
    const search = filterToSearch(form, DEFAULT_FILTER);
    expect(search).toBe('state=all&districtId=almaty&q=%D0%BB%D1%8E%D0%BA&slaState=breached&sort=deadline');
    expect(filterFromSearch(new URLSearchParams(search), DEFAULT_FILTER)).toEqual({ ...form, q: 'люк' });
    expect(filterToSearch(DEFAULT_FILTER, DEFAULT_FILTER)).toBe('');
  });

  it("keeps the at-risk view and its window, and an agency's default order unnamed", () => {
    const agency = defaultFilterFor('agency');
    const form = { ...agency, view: 'atRisk' as const, riskWindowMinutes: 120 };
    const search = filterToSearch(form, agency);
    expect(search).toBe('view=atRisk&riskWindowMinutes=120');
    expect(filterFromSearch(new URLSearchParams(search), agency)).toEqual(form);
  });

  it('ignores values that are not a choice the console offers', () => {
    const params = new URLSearchParams(
      'slaState=late&sort=oldest&view=map&riskWindowMinutes=7&q=' + 'x'.repeat(300),
    );
    expect(filterFromSearch(params, DEFAULT_FILTER)).toEqual(DEFAULT_FILTER);
  });
});
