import type { SlaState, Ticket, TicketSort } from '#contracts/ticket.contract.ts';

/** The SLA states a list can be filtered by, in the order the filter offers them. */
export const SLA_STATES = ['on_time', 'warning', 'breached', 'paused'] as const satisfies readonly SlaState[];

/** States in which the resolution clock runs (the acknowledgement runs in `assigned` only). */
const RESOLVE_RUNS: readonly Ticket['state'][] = ['registered', 'assigned', 'accepted', 'in_progress'];

type DeadlineFields = Pick<
  Ticket,
  'state' | 'ackDueAt' | 'ackWarnAt' | 'resolveDueAt' | 'resolveWarnAt' | 'slaPaused'
>;

const earliest = (a: string | null, b: string | null): number | null => {
  const times = [a, b].filter((x): x is string => x !== null).map(Date.parse);
  return times.length ? Math.min(...times) : null;
};

/**
 * The ticket's running deadline and the earliest warning (ms), the client twin of the server's list
 * query: the acknowledgement while it waits in `assigned`, the resolution while it is worked.
 */
export function runningDeadline(t: DeadlineFields): { dueAt: number; warnAt: number | null } | null {
  const ack = t.state === 'assigned';
  const resolve = RESOLVE_RUNS.includes(t.state);
  const dueAt = earliest(ack ? t.ackDueAt : null, resolve ? t.resolveDueAt : null);
  if (dueAt === null) return null;
  return { dueAt, warnAt: earliest(ack ? t.ackWarnAt : null, resolve ? t.resolveWarnAt : null) };
}

/**
 * Where the ticket stands at `now` (the server's clock, as the page estimates it), the same rule the
 * server filters by: null when no deadline runs (resolved, closed, not yet registered).
 */
export function slaStateOf(t: DeadlineFields, now: Date): SlaState | null {
  if (t.slaPaused) return 'paused';
  const running = runningDeadline(t);
  if (!running) return null;
  if (running.dueAt <= now.getTime()) return 'breached';
  return running.warnAt !== null && running.warnAt <= now.getTime() ? 'warning' : 'on_time';
}

/** About to breach: not breached nor paused, and warned already or due within `windowMs`. */
export function isAtRisk(t: DeadlineFields, now: Date, windowMs: number): boolean {
  const state = slaStateOf(t, now);
  if (state === 'warning') return true;
  const running = runningDeadline(t);
  return state === 'on_time' && running !== null && running.dueAt <= now.getTime() + windowMs;
}

/** Nearest deadline first (overdue on top), tickets without one last, ties oldest first: the server's order. */
export function byDeadline(a: Ticket, b: Ticket): number {
  const da = runningDeadline(a)?.dueAt ?? Infinity;
  const db = runningDeadline(b)?.dueAt ?? Infinity;
  return da === db ? a.id - b.id : da - db;
}

/** Newest first. */
export const byNewest = (a: Ticket, b: Ticket): number => b.id - a.id;

/** The comparator of a list order. */
export const compareFor = (sort: TicketSort): ((a: Ticket, b: Ticket) => number) =>
  sort === 'deadline' ? byDeadline : byNewest;

/** The cursor that continues a list after `last`, as the server writes it for that order. */
export function cursorAfter(last: Ticket, sort: TicketSort): string {
  if (sort === 'newest') return String(last.id);
  return `${runningDeadline(last)?.dueAt ?? 'n'}_${last.id}`;
}

/** This browser's clock moved by `offsetMs`: the server's clock as a page estimates it. */
export const shiftedNow = (offsetMs: number): Date => new Date(Date.now() + offsetMs);
