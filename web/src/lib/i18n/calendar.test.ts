import { describe, expect, it } from 'vitest';
import { cityDate, kazakhLongDate } from './calendar.ts';

describe('cityDate', () => {
  it('reads the date in the city, not in UTC', () => {
    // 20:30 UTC on 25 November is already 26 November in Astana (UTC+5).
    expect(cityDate(new Date('2026-11-25T20:30:00Z'), 'Asia/Almaty')).toEqual({
      year: 2026,
      month: 11,
      day: 26,
      weekday: 4,
    });
  });
});

describe('kazakhLongDate', () => {
  it('names the day and month in Kazakh', () => {
    expect(kazakhLongDate(new Date('2026-11-26T08:00:00Z'), 'Asia/Almaty')).toBe('26 қараша, бейсенбі');
    expect(kazakhLongDate(new Date('2026-01-04T08:00:00Z'), 'Asia/Almaty')).toBe('4 қаңтар, жексенбі');
  });
});
