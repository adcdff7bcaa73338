import type { MessageKey } from '../i18n/messages.ts';

const MINUTE_MS = 60_000;

/** Whole days, hours and minutes from `from` to `now` (never negative: a clock a little ahead shows 0). */
export function elapsedParts(
  from: string | Date,
  now: Date,
): { days: number; hours: number; minutes: number } {
  const fromMs = typeof from === 'string' ? Date.parse(from) : from.getTime();
  const totalMinutes = Math.max(0, Math.floor((now.getTime() - fromMs) / MINUTE_MS));
  return {
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
  };
}

/**
 * How long something has stood, as a message to translate: "just now", "12 min", "2 h 5 min",
 * "3 d 4 h". Two units at most, so a wall reads it at a glance.
 */
export function elapsedMessage(
  from: string | Date,
  now: Date,
): { key: MessageKey; params?: Record<string, number> } {
  const { days, hours, minutes } = elapsedParts(from, now);
  if (days > 0) return { key: 'age.days', params: { days, hours } };
  if (hours > 0) return { key: 'age.hours', params: { hours, minutes } };
  if (minutes > 0) return { key: 'age.minutes', params: { minutes } };
  return { key: 'age.justNow' };
}
