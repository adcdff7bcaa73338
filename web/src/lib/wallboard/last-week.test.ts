import { describe, expect, it } from 'vitest';
import { lastWeekComparison } from './last-week.ts';

describe('lastWeekComparison', () => {
  it('gives the change as a signed percentage of last week', () => {
    expect(lastWeekComparison(120, 100)).toEqual({ key: 'wall.tile.vsLastWeek', params: { delta: '+20%' } });
    expect(lastWeekComparison(75, 100)).toEqual({ key: 'wall.tile.vsLastWeek', params: { delta: '−25%' } });
  });

  it('says "the same" when nothing changed, zero included', () => {
    expect(lastWeekComparison(40, 40)).toEqual({ key: 'wall.tile.sameAsLastWeek' });
    expect(lastWeekComparison(0, 0)).toEqual({ key: 'wall.tile.sameAsLastWeek' });
  });

  it('states that last week had none instead of a percentage of nothing', () => {
    expect(lastWeekComparison(6224, 0)).toEqual({ key: 'wall.tile.noneLastWeek' });
  });
});
