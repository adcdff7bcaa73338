import type { MessageKey, MessageParams } from '../i18n/messages.ts';

/**
 * The received tile's comparison with the same time a week ago, as a message: a percentage when last
 * week had appeals, the plain fact when it had none (a percentage of nothing means nothing). Short, so
 * it fits a small tile read from across the room; the count itself is not repeated.
 */
export function lastWeekComparison(
  today: number,
  before: number,
): { key: MessageKey; params?: MessageParams } {
  if (today === before) return { key: 'wall.tile.sameAsLastWeek' };
  if (before === 0) return { key: 'wall.tile.noneLastWeek' };
  const percent = Math.round((Math.abs(today - before) / before) * 100);
  return { key: 'wall.tile.vsLastWeek', params: { delta: `${today > before ? '+' : '−'}${percent}%` } };
}
