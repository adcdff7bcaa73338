/**
 * Business-hours maths for SLA deadlines: an agency works set hours in its city's time zone, and an
 * appeal's SLA clock runs only while the agency is open.
 *
 * Wall time to instant: a local wall time maps to the FIRST instant at which the zone's clock shows
 * that time or later. In a DST overlap (clocks go back) that is the first occurrence; a wall time in a
 * DST gap (clocks go forward) maps forward to the instant of the switch. The mapping never runs
 * backwards, so sorted intervals stay sorted and touching intervals stay touching; an interval wholly
 * inside a gap is empty, and one spanning a switch is an hour shorter or longer in real time, which is
 * the time that really elapses. Offsets come from Intl.DateTimeFormat; conversions are memoised per
 * zone (a pure cache, no I/O), so a deadline months away costs one small loop per local day.
 */

/** ISO weekday keys. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** An opening interval in local wall time, 'HH:MM' 24-hour; end may be '24:00'; start < end. */
export type OpeningInterval = readonly [start: string, end: string];
/** When an agency works. */
export interface BusinessCalendar {
  id: string;
  /** IANA zone the hours and holidays are in (the city's). */
  timeZone: string;
  /** Opening intervals per weekday, sorted, not overlapping; a missing or empty day is closed. null: open around the clock (holidays then do not apply). */
  weeklyHours: Partial<Record<Weekday, readonly OpeningInterval[]>> | null;
  /** Local dates 'YYYY-MM-DD' closed all day. */
  holidays: readonly string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** This many local days in a row without opening time means the calendar never opens (~10 years). */
const MAX_CLOSED_DAYS = 3_660;
const MAX_CACHED_WALL_TIMES = 50_000;

const CLOCK_PARTS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Intl formatter per zone; throws RangeError for an unknown zone. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    const numeric = Object.fromEntries(CLOCK_PARTS.map((part) => [part, 'numeric']));
    found = new Intl.DateTimeFormat('en-US', { ...numeric, timeZone, hourCycle: 'h23' });
    formatters.set(timeZone, found);
  }
  return found;
}

/** The zone's offset (local minus UTC) in ms at instant `t`. */
function offsetAt(timeZone: string, t: number): number {
  const parts = formatter(timeZone).formatToParts(t);
  const [year = NaN, month = NaN, ...rest] = CLOCK_PARTS.map((type) =>
    Number(parts.find((p) => p.type === type)?.value),
  );
  return Date.UTC(year, month - 1, ...rest) - (t - (((t % 1000) + 1000) % 1000));
}

/** The local day (days since 1970-01-01 in local wall time) that instant `t` falls on. */
function localDay(timeZone: string, t: number): number {
  return Math.floor((t + offsetAt(timeZone, t)) / DAY_MS);
}

/** First instant at which the clock shows `wall` (ms since 1970 in wall time) or later; see the file comment. */
function resolveWall(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  if (offsetAt(timeZone, wall - before) === before) return wall - before;
  if (offsetAt(timeZone, wall - after) === after || after <= before) return wall - after;
  // In the gap: find the switch, the first instant with the new offset, to the millisecond.
  let [lo, hi] = [wall - after, wall - before];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

const instantsByZone = new Map<string, Map<number, number>>();
/** resolveWall, memoised: calendars reuse the same few wall times every day. */
function toInstant(timeZone: string, wall: number): number {
  let cache = instantsByZone.get(timeZone);
  if (!cache) instantsByZone.set(timeZone, (cache = new Map()));
  let instant = cache.get(wall);
  if (instant === undefined) {
    if (cache.size >= MAX_CACHED_WALL_TIMES) cache.clear();
    instant = resolveWall(timeZone, wall);
    cache.set(wall, instant);
  }
  return instant;
}

/** Minutes after local midnight for 'HH:MM' (00:00 to 24:00), or undefined. */
function parseWallTime(text: unknown): number | undefined {
  const match = typeof text === 'string' ? /^(\d\d):(\d\d)$/.exec(text) : null;
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return (hours < 24 && minutes < 60) || (hours === 24 && minutes === 0) ? hours * 60 + minutes : undefined;
}

/** What is wrong with one weekday's intervals, in words; undefined when they are fine. */
function intervalsProblem(intervals: readonly OpeningInterval[]): string | undefined {
  if (!Array.isArray(intervals)) return 'must be a list of [start, end] intervals';
  let previousEnd = 0;
  for (const interval of intervals) {
    const [start, end] = Array.isArray(interval) ? interval : [];
    const [from, to] = [parseWallTime(start), parseWallTime(end)];
    if (from === undefined || to === undefined || interval.length !== 2)
      return `${JSON.stringify(interval)}: an interval is ['HH:MM', 'HH:MM'] between 00:00 and 24:00`;
    if (from >= to) return `${start}–${end}: the start must be before the end`;
    if (from < previousEnd) return `${start}–${end}: intervals must be sorted and must not overlap`;
    previousEnd = to;
  }
  return undefined;
}

type WallSpan = readonly [fromMinute: number, toMinute: number];
interface Schedule {
  timeZone: string;
  /** Opening minutes per weekday, Monday first. */
  week: readonly (readonly WallSpan[])[];
  holidays: ReadonlySet<string>;
}

/** The calendar parsed once per call; the maths refuse intervals that calendarProblems would report. */
function scheduleOf(calendar: BusinessCalendar, weeklyHours: NonNullable<BusinessCalendar['weeklyHours']>) {
  const week = WEEKDAYS.map((day): WallSpan[] => {
    const intervals = weeklyHours[day] ?? [];
    const problem = intervalsProblem(intervals);
    if (problem) throw new RangeError(`calendar ${calendar.id}: weeklyHours.${day} ${problem}`);
    return intervals.map(([start, end]) => [parseWallTime(start) ?? 0, parseWallTime(end) ?? 0]);
  });
  return { timeZone: calendar.timeZone, week, holidays: new Set(calendar.holidays) } satisfies Schedule;
}

/** Opening intervals of local day `day` as instants [from, to), in order; none on a holiday. */
function openingsOn(schedule: Schedule, day: number): [number, number][] {
  const spans = schedule.week[(((day + 3) % 7) + 7) % 7] ?? []; // 1970-01-01 was a Thursday.
  if (spans.length === 0) return [];
  if (schedule.holidays.size > 0 && schedule.holidays.has(new Date(day * DAY_MS).toISOString().slice(0, 10)))
    return [];
  const openings: [number, number][] = [];
  for (const [fromMinute, toMinute] of spans) {
    const from = toInstant(schedule.timeZone, day * DAY_MS + fromMinute * MINUTE_MS);
    const to = toInstant(schedule.timeZone, day * DAY_MS + toMinute * MINUTE_MS);
    if (from < to) openings.push([from, to]);
  }
  return openings;
}

/** Epoch ms of a valid Date; the maths refuse Invalid Date rather than return NaN deadlines. */
function instantOf(date: Date, name: string): number {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${name} is an invalid Date`);
  return t;
}

/**
 * The instant at which `durationMs` of business time has passed since `start` (start itself may be
 * outside hours: counting begins at the next opening). durationMs 0 returns start unchanged (a copy).
 * A deadline lands inside an opening interval or exactly at its end, never at the next opening.
 * Throws RangeError for a negative or non-integer duration, an invalid calendar, or a calendar with
 * no opening time at all (or none within ~10 years), because a deadline that never comes is a bug.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: Date, durationMs: number): Date {
  let cursor = instantOf(start, 'start');
  if (!Number.isSafeInteger(durationMs) || durationMs < 0)
    throw new RangeError(`durationMs must be a whole number of ms >= 0, got ${durationMs}`);
  if (durationMs === 0) return new Date(cursor);
  if (calendar.weeklyHours === null) return new Date(cursor + durationMs);
  const schedule = scheduleOf(calendar, calendar.weeklyHours);
  if (schedule.week.every((spans) => spans.length === 0))
    throw new RangeError(`calendar ${calendar.id} is never open`);
  let remaining = durationMs;
  // Earlier local days end at or before `start` (the mapping is monotonic), so start at its own day.
  let day = localDay(schedule.timeZone, cursor);
  for (let lastOpenDay = day; day - lastOpenDay <= MAX_CLOSED_DAYS; day++) {
    for (const [from, to] of openingsOn(schedule, day)) {
      lastOpenDay = day;
      if (to <= cursor) continue;
      const available = to - Math.max(from, cursor);
      if (remaining <= available) return new Date(Math.max(from, cursor) + remaining);
      remaining -= available;
      cursor = to;
    }
  }
  throw new RangeError(
    `calendar ${calendar.id} has no opening time within ~10 years of ${start.toISOString()}`,
  );
}

/** Business time in ms between two instants (0 when to <= from): how much of an SLA a ticket has used. */
export function businessTimeBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const [start, end] = [instantOf(from, 'from'), instantOf(to, 'to')];
  if (end <= start) return 0;
  if (calendar.weeklyHours === null) return end - start;
  const schedule = scheduleOf(calendar, calendar.weeklyHours);
  let total = 0;
  // One day past `end`'s: should clocks ever go back from after midnight to before it, the next
  // day's hours begin before `end`.
  for (let day = localDay(schedule.timeZone, start); day <= localDay(schedule.timeZone, end) + 1; day++) {
    for (const [open, close] of openingsOn(schedule, day))
      total += Math.max(0, Math.min(close, end) - Math.max(open, start));
  }
  return total;
}

/** Business minutes in an ordinary week (holidays ignored); 0 means the calendar never opens — callers use it to reject such calendars. */
export function openMinutesPerWeek(calendar: BusinessCalendar): number {
  if (calendar.weeklyHours === null) return 7 * 24 * 60;
  const { week } = scheduleOf(calendar, calendar.weeklyHours);
  return week.flat().reduce((sum, [from, to]) => sum + to - from, 0);
}

/** Whether `at` falls inside opening hours (intervals are [start, end): the closing minute is closed). */
export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  const t = instantOf(at, 'at');
  if (calendar.weeklyHours === null) return true;
  const schedule = scheduleOf(calendar, calendar.weeklyHours);
  const day = localDay(schedule.timeZone, t);
  return [day, day + 1].some((d) => openingsOn(schedule, d).some(([from, to]) => from <= t && t < to));
}

/** Whether `text` is a real calendar date 'YYYY-MM-DD'. */
function isIsoDate(text: unknown): boolean {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Problems with a calendar definition, in words for an API error ({ field: message }); empty when valid: bad 'HH:MM', start >= end, overlapping or unsorted intervals, unknown weekday key, bad holiday date, unknown time zone, never open. */
export function calendarProblems(calendar: BusinessCalendar): Record<string, string> {
  const problems: Record<string, string> = {};
  try {
    formatter(calendar.timeZone);
  } catch {
    problems.timeZone = `unknown time zone ${JSON.stringify(calendar.timeZone)}; use an IANA name such as Asia/Almaty`;
  }
  if (calendar.weeklyHours !== null) {
    for (const [key, intervals] of Object.entries(calendar.weeklyHours)) {
      const known = (WEEKDAYS as readonly string[]).includes(key);
      const problem = known ? intervalsProblem(intervals) : `unknown weekday; use ${WEEKDAYS.join(', ')}`;
      if (problem) problems[`weeklyHours.${key}`] = problem;
    }
    const hoursValid = !Object.keys(problems).some((field) => field.startsWith('weeklyHours.'));
    if (hoursValid && openMinutesPerWeek(calendar) === 0)
      problems.weeklyHours =
        'the calendar is never open: give at least one interval, or null for round the clock';
  }
  calendar.holidays.forEach((date, index) => {
    if (!isIsoDate(date))
      problems[`holidays.${index}`] = `${JSON.stringify(date)} is not a date 'YYYY-MM-DD'`;
  });
  return problems;
}

/** Round-the-clock calendar in `timeZone`: for categories whose SLA runs in plain elapsed time. Throws RangeError for an unknown zone. */
export function roundTheClock(timeZone: string): BusinessCalendar {
  formatter(timeZone);
  return { id: `round-the-clock:${timeZone}`, timeZone, weeklyHours: null, holidays: [] };
}
