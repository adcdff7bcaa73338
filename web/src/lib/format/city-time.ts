/**
 * Wall-clock times in the city's zone, for `<input type="datetime-local">`: the browser's own zone
 * may differ from the city's (a supervisor travelling, a kiosk set to UTC), so conversions go
 * through Intl with the configured IANA zone, never through the browser's offset or a fixed one.
 */

/** "2026-12-01T09:00", optionally with seconds and a fraction, as datetime-local produces. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function wallTimeOf(atMs: number, timeZone: string): WallTime {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(atMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

const asUtcMs = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetMs(atMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(atMs / 1000) * 1000;
  return asUtcMs(wallTimeOf(wholeSecond, timeZone)) - wholeSecond;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatOffset(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  return `${ms < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * The instant a datetime-local value names in `timeZone`, as ISO 8601 with that zone's offset
 * ("2026-12-01T09:00:00+05:00"); null when the value is not a real date and time. A time skipped by
 * a daylight-saving change moves forward to one that exists.
 */
export function cityLocalToIso(local: string, timeZone: string): string | null {
  const match = LOCAL_DATE_TIME.exec(local.trim());
  if (!match) return null;
  const n = (i: number) => Number(match[i] ?? 0);
  const wall: WallTime = { year: n(1), month: n(2), day: n(3), hour: n(4), minute: n(5), second: n(6) };
  const wallMs = asUtcMs(wall);
  // Date.UTC rolls 31 February over into March: such a value is not a date.
  const check = new Date(wallMs);
  const real = check.getUTCMonth() === wall.month - 1 && check.getUTCDate() === wall.day;
  if (!real || wall.hour > 23 || wall.minute > 59 || wall.second > 59) return null;
  // Two passes settle the offset even when the guess lands across a daylight-saving change.
  let atMs = wallMs - offsetMs(wallMs, timeZone);
  atMs = wallMs - offsetMs(atMs, timeZone);
  const shown = wallTimeOf(atMs, timeZone);
  return (
    `${pad(shown.year, 4)}-${pad(shown.month)}-${pad(shown.day)}` +
    `T${pad(shown.hour)}:${pad(shown.minute)}:${pad(shown.second)}${formatOffset(offsetMs(atMs, timeZone))}`
  );
}

/** The datetime-local value ("2026-12-01T09:00") of an instant in `timeZone`, e.g. for `min`. */
export function toCityLocal(at: Date, timeZone: string): string {
  const w = wallTimeOf(at.getTime(), timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}
