import type { Ticket } from '#contracts/ticket.contract.ts';

/** One line of the wallboard's live feed. `key` changes with each change so the highlight replays. */
export interface FeedEntry {
  key: string;
  ticket: Ticket;
  /** False for entries loaded at start, which should not flash. */
  fresh: boolean;
}

/** Puts a ticket's latest change on top, dropping its older line and anything past `max`. */
export function pushFeed(feed: readonly FeedEntry[], ticket: Ticket, seq: number, max: number): FeedEntry[] {
  const entry: FeedEntry = { key: `${ticket.id}:${seq}`, ticket, fresh: true };
  return [entry, ...feed.filter((e) => e.ticket.id !== ticket.id)].slice(0, max);
}

/**
 * The feed after the first list load: lines pushed meanwhile stay on top, then the most recently
 * updated tickets fill the rest, newest first.
 */
export function seedFeed(
  tickets: readonly Ticket[],
  max: number,
  pushed: readonly FeedEntry[] = [],
): FeedEntry[] {
  const shown = new Set(pushed.map((e) => e.ticket.id));
  const seeded = [...tickets]
    .filter((t) => !shown.has(t.id))
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || b.id - a.id)
    .map((ticket) => ({ key: `${ticket.id}:v${ticket.version}`, ticket, fresh: false }));
  return [...pushed, ...seeded].slice(0, max);
}
