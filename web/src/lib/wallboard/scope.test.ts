import { describe, expect, it } from 'vitest';
import { CITY } from './rotation.ts';
import { filterScope, inScope } from './scope.ts';

const items = [
  { id: 1, districtId: 'yesil', agencyId: 'astana-su-arnasy' },
  { id: 2, districtId: 'nura', agencyId: 'astana-su-arnasy' },
  { id: 3, districtId: 'yesil', agencyId: 'akimat-yesil' },
  { id: 4, districtId: null, agencyId: null },
];

describe('inScope and filterScope', () => {
  it('shows everything for the city, without copying', () => {
    expect(filterScope(CITY, items)).toBe(items);
    expect(inScope(CITY, { districtId: null, agencyId: null })).toBe(true);
  });

  it('keeps one district’s items', () => {
    expect(filterScope({ kind: 'district', id: 'yesil' }, items).map((i) => i.id)).toEqual([1, 3]);
  });

  it('keeps one agency’s items', () => {
    expect(filterScope({ kind: 'agency', id: 'astana-su-arnasy' }, items).map((i) => i.id)).toEqual([1, 2]);
  });
});
