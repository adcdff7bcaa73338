import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessTimeBetween, roundTheClock, type BusinessCalendar } from './business-calendar.ts';
import {
  isSlaRunning,
  pauseSlaClock,
  resumeSlaClock,
  slaConsumedMs,
  slaDueAt,
  slaWarnAt,
  startSlaClock,
  stopSlaClock,
  switchSlaCalendar,
  type SlaClock,
} from './sla-clock.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const OFFICE: BusinessCalendar = {
  id: 'office-hours',
  timeZone: 'Asia/Almaty',
  weeklyHours: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((d) => [
      d,
      [
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ] as const,
    ]),
  ),
  holidays: ['2026-12-16'],
};
const local = (s: string) => new Date(`${s}+05:00`);

describe('an SLA clock', () => {
  it('counts only working time and gives the deadline and warning on the calendar', () => {
    const clock = startSlaClock(16 * HOUR, 0.75, OFFICE, local('2026-11-27T17:00:00'));
    expect(slaDueAt(clock)).toEqual(local('2026-12-01T17:00:00'));
    // 12 working hours: Friday 1, Monday 8, Tuesday 3.
    expect(slaWarnAt(clock)).toEqual(local('2026-12-01T12:00:00'));
    expect(slaConsumedMs(clock, local('2026-11-30T09:30:00'))).toBe(90 * MINUTE);
  });

  it('keeps each pause cycle and moves the deadline by the working time paused', () => {
    let clock = startSlaClock(16 * HOUR, 0.75, OFFICE, local('2026-11-27T17:00:00'));
    clock = pauseSlaClock(clock, local('2026-11-30T10:00:00'));
    expect(isSlaRunning(clock)).toBe(false);
    expect(slaDueAt(clock)).toBeNull();
    expect(slaConsumedMs(clock, local('2026-12-05T10:00:00'))).toBe(2 * HOUR);
    clock = resumeSlaClock(clock, local('2026-12-01T10:00:00'));
    expect(slaDueAt(clock)).toEqual(local('2026-12-02T17:00:00'));
    expect(clock.cycles).toHaveLength(2);
    // Pausing or resuming twice changes nothing.
    expect(resumeSlaClock(clock, local('2026-12-01T11:00:00'))).toBe(clock);
  });

  it('skips holidays (Independence Day, 16 December)', () => {
    const clock = startSlaClock(8 * HOUR, 0.75, OFFICE, local('2026-12-15T18:00:00'));
    expect(slaDueAt(clock)).toEqual(local('2026-12-17T18:00:00'));
  });

  it('stops for good as met or breached', () => {
    const clock = startSlaClock(HOUR, 0.5, roundTheClock('Asia/Almaty'), local('2026-11-25T10:00:00'));
    expect(stopSlaClock(clock, local('2026-11-25T11:00:00')).outcome).toBe('met');
    const late = stopSlaClock(clock, local('2026-11-25T11:00:01'));
    expect(late.outcome).toBe('breached');
    expect(resumeSlaClock(late, local('2026-11-25T12:00:00'))).toBe(late);
    expect(slaDueAt(late)).toBeNull();
  });

  it('carries the time used over to another calendar', () => {
    let clock = startSlaClock(2 * HOUR, 0.75, roundTheClock('Asia/Almaty'), local('2026-11-27T20:00:00'));
    clock = switchSlaCalendar(clock, OFFICE, local('2026-11-27T21:00:00'));
    // One hour used round the clock; the second hour is Monday 09:00–10:00.
    expect(slaDueAt(clock)).toEqual(local('2026-11-30T10:00:00'));
    // Switching at the very start of a cycle leaves no empty cycle behind.
    const fresh = switchSlaCalendar(
      startSlaClock(HOUR, 0.75, roundTheClock('Asia/Almaty'), local('2026-11-27T20:00:00')),
      OFFICE,
      local('2026-11-27T20:00:00'),
    );
    expect(fresh.cycles).toHaveLength(1);
  });

  it('always equals the sum of working time over its running cycles, whatever the pauses', () => {
    const start = local('2026-11-02T08:00:00').getTime();
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 * 24 * 60 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 80 * 60 }),
        (gapsMinutes, budgetMinutes) => {
          let clock: SlaClock = startSlaClock(budgetMinutes * MINUTE, 0.75, OFFICE, new Date(start));
          let at = start;
          let expected = 0;
          let runningSince: number | null = start;
          for (const gap of gapsMinutes) {
            at += gap * MINUTE;
            if (runningSince !== null) {
              expected += businessTimeBetween(OFFICE, new Date(runningSince), new Date(at));
              runningSince = null;
              clock = pauseSlaClock(clock, new Date(at));
            } else {
              runningSince = at;
              clock = resumeSlaClock(clock, new Date(at));
            }
          }
          expect(slaConsumedMs(clock, new Date(at))).toBe(expected);
          const due = slaDueAt(clock);
          if (due) {
            expect(slaConsumedMs(clock, due)).toBe(Math.max(expected, budgetMinutes * MINUTE));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
