import { describe, expect, it } from 'vitest';
import { channelsByVolume, shiftMonth } from './month-nav.ts';

describe('month navigation', () => {
  it('steps months across years', () => {
    expect(shiftMonth('2026-11', 1)).toBe('2026-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-11', -12)).toBe('2025-11');
  });

  it('lists channels busiest first', () => {
    expect(channelsByVolume({ web: 2, phone: 40, telegram: 2 })).toEqual([
      ['phone', 40],
      ['telegram', 2],
      ['web', 2],
    ]);
  });
});
