import type { Sql } from '../client.ts';

/** The machine event a timer applies when it fires (stored as jsonb). */
export type TimerEvent = { type: string; [field: string]: unknown };

/** A timer to (re)schedule: `key` is unique per ticket, so the same key again replaces it. */
export interface NewTimer {
  ticketId: number;
  key: string;
  event: TimerEvent;
  dueAt: Date;
  createdAt: Date;
}

/** A timer claimed by the worker, handed to its handler inside the claiming transaction. */
export interface DueTimer {
  id: number;
  ticketId: number;
  key: string;
  /**
   * The stored event, unparsed: the handler parses it with the engine's event schema, so a row that
   * no longer parses is one failed attempt of one timer, never a batch that cannot be claimed.
   */
  event: unknown;
  /** When it was due: after failed attempts still the original deadline, not the retry time. */
  dueAt: Date;
  createdAt: Date;
  /** Failed attempts before this one. */
  attempts: number;
}

/** A stored timer with its failure bookkeeping, for inspection and tests. */
export interface StoredTimer extends DueTimer {
  lastError: string | null;
  /** Not retried before this moment (backoff after a failed attempt). */
  lockedUntil: Date | null;
  /** Set when the worker gave up on it; it then never fires. */
  failedAt: Date | null;
}

interface TimerRow {
  id: number;
  ticket_id: number;
  key: string;
  event: unknown;
  due_at: Date;
  created_at: Date;
  attempts: number;
  last_error: string | null;
  locked_until: Date | null;
  failed_at: Date | null;
}

const toDueTimer = (row: TimerRow): DueTimer => ({
  id: row.id,
  ticketId: row.ticket_id,
  key: row.key,
  event: row.event,
  dueAt: row.due_at,
  createdAt: row.created_at,
  attempts: row.attempts,
});

/**
 * Schedules a timer, or replaces the pending one with the same (ticket, key): a rescheduled timer
 * fires once, at its new time, with its failure history cleared. Returns the timer's id.
 */
export async function scheduleTimer(db: Sql, t: NewTimer): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `insert into ticket_timers (ticket_id, key, event, due_at, created_at) values ($1, $2, $3, $4, $5)
     on conflict (ticket_id, key) do update set event = excluded.event, due_at = excluded.due_at,
       created_at = excluded.created_at, attempts = 0, last_error = null, locked_until = null, failed_at = null
     returning id`,
    [t.ticketId, t.key, t.event, t.dueAt, t.createdAt],
  );
  return rows[0]!.id;
}

/**
 * `scheduleTimer` for many timers in one statement (bulk loads, benchmarks). Each (ticket, key) may
 * appear once per call.
 */
export async function scheduleTimers(db: Sql, timers: readonly NewTimer[]): Promise<void> {
  if (timers.length === 0) return;
  // One JSON text parameter instead of five arrays binds identically on both drivers. It is typed
  // text, not jsonb: postgres.js would JSON-encode a string bound to jsonb a second time.
  const payload = JSON.stringify(
    timers.map((t) => ({
      ticket_id: t.ticketId,
      key: t.key,
      event: t.event,
      due_at: t.dueAt.toISOString(),
      created_at: t.createdAt.toISOString(),
    })),
  );
  await db.query(
    `insert into ticket_timers (ticket_id, key, event, due_at, created_at)
     select ticket_id, key, event, due_at, created_at
     from jsonb_to_recordset($1::text::jsonb)
       as t(ticket_id integer, key text, event jsonb, due_at timestamptz, created_at timestamptz)
     on conflict (ticket_id, key) do update set event = excluded.event, due_at = excluded.due_at,
       created_at = excluded.created_at, attempts = 0, last_error = null, locked_until = null, failed_at = null`,
    [payload],
  );
}

/** Cancels one pending timer; true when there was one. */
export async function cancelTimer(db: Sql, ticketId: number, key: string): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    'delete from ticket_timers where ticket_id = $1 and key = $2 returning id',
    [ticketId, key],
  );
  return rows.length > 0;
}

/** Cancels a ticket's pending timers whose key starts with `prefix` (one escalation plan, one alert). */
export async function cancelTimersWithPrefix(db: Sql, ticketId: number, prefix: string): Promise<number> {
  const rows = await db.query<{ id: number }>(
    'delete from ticket_timers where ticket_id = $1 and starts_with(key, $2) returning id',
    [ticketId, prefix],
  );
  return rows.length;
}

/** Cancels every timer of a ticket (it reached a final state); returns how many. */
export async function cancelTicketTimers(db: Sql, ticketId: number): Promise<number> {
  const rows = await db.query<{ id: number }>('delete from ticket_timers where ticket_id = $1 returning id', [
    ticketId,
  ]);
  return rows.length;
}

/**
 * Locks up to `limit` timers due at `now`, earliest first, until the caller's transaction ends.
 * SKIP LOCKED keeps concurrent workers on disjoint rows. Each timer's ticket is locked first, in the
 * engine's order (a ticket, then its timers): a timer whose ticket is busy in another transaction is
 * skipped without holding anything, so it cannot deadlock with a command that cancels it.
 */
export async function claimDueTimers(db: Sql, now: Date, limit: number): Promise<DueTimer[]> {
  const rows = await db.query<TimerRow>(
    `select t.* from ticket_timers t join tickets k on k.id = t.ticket_id
     where t.failed_at is null and t.due_at <= $1 and (t.locked_until is null or t.locked_until <= $1)
     order by t.due_at, t.id
     limit $2
     for update of k, t skip locked`,
    [now, limit],
  );
  return rows.map(toDueTimer);
}

/** `claimDueTimers` for one timer: locked with its ticket, or undefined when not due, gone or held elsewhere. */
export async function claimTimer(db: Sql, id: number, now: Date): Promise<DueTimer | undefined> {
  const rows = await db.query<TimerRow>(
    `select t.* from ticket_timers t join tickets k on k.id = t.ticket_id
     where t.id = $1 and t.failed_at is null and t.due_at <= $2 and (t.locked_until is null or t.locked_until <= $2)
     for update of k, t skip locked`,
    [id, now],
  );
  return rows[0] && toDueTimer(rows[0]);
}

/** Deletes a timer: it fired (in the transaction that applied its event) or is no longer wanted. */
export async function deleteTimer(db: Sql, id: number): Promise<void> {
  await db.query('delete from ticket_timers where id = $1', [id]);
}

/** Deletes the timers a batch fired, in the transaction that applied their events. */
export async function deleteTimers(db: Sql, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query('delete from ticket_timers where id = any($1::bigint[])', [ids]);
}

/** Records a failed attempt; the timer is not claimed again before `retryAt`. */
export async function recordTimerFailure(db: Sql, id: number, error: string, retryAt: Date): Promise<void> {
  await db.query(
    'update ticket_timers set attempts = attempts + 1, last_error = $2, locked_until = $3 where id = $1',
    [id, error, retryAt],
  );
}

/** Records the last failed attempt and parks the timer: kept for inspection, never fired. */
export async function giveUpTimer(db: Sql, id: number, error: string, failedAt: Date): Promise<void> {
  await db.query(
    `update ticket_timers set attempts = attempts + 1, last_error = $2, locked_until = null, failed_at = $3
     where id = $1`,
    [id, error, failedAt],
  );
}

/** How many timers are waiting to fire (those given up on are not counted). */
export async function countPendingTimers(db: Sql): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'select count(*)::int as n from ticket_timers where failed_at is null',
  );
  return rows[0]?.n ?? 0;
}

/** When the next pending timer may fire (a retry counts from its backoff), or null when none is pending. */
export async function nextDueAt(db: Sql): Promise<Date | null> {
  const rows = await db.query<{ at: Date | null }>(
    `select least(
       (select min(due_at) from ticket_timers where failed_at is null and locked_until is null),
       (select min(locked_until) from ticket_timers where failed_at is null and locked_until is not null)
     ) as at`,
  );
  return rows[0]?.at ?? null;
}

/** One timer with its failure bookkeeping, or undefined. */
export async function findTimer(db: Sql, ticketId: number, key: string): Promise<StoredTimer | undefined> {
  const rows = await db.query<TimerRow>('select * from ticket_timers where ticket_id = $1 and key = $2', [
    ticketId,
    key,
  ]);
  const row = rows[0];
  return (
    row && {
      ...toDueTimer(row),
      lastError: row.last_error,
      lockedUntil: row.locked_until,
      failedAt: row.failed_at,
    }
  );
}
