import type { Sql } from '../../db/client.ts';
import type { NewTimer } from '../../db/queries/timers.ts';

/**
 * Inserts `count` bare registered tickets in one statement and returns their ids: timers only need
 * a ticket row to point at, not the whole intake path. Needs the migrations' reference data.
 */
export async function insertBareTickets(db: Sql, count: number, at = new Date()): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `insert into tickets (state, snapshot, version, category_id, channel, description, created_at, updated_at)
     select 'registered',
       jsonb_build_object('value', 'registered', 'context', jsonb_build_object('categoryId', 'flooding',
         'channel', 'phone', 'agencyId', null, 'resolution', null, 'firstContactAnswer', null,
         'cancelReason', null, 'commentCount', 0)),
       2, 'flooding', 'phone', 'Timer test ticket ' || n, $2, $2
     from generate_series(1, $1::int) as n
     returning id`,
    [count, at],
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

let timerCounter = 0;

/** A timer on `ticketId` due at `dueAt`; `overrides` replace any field. */
export function timerFactory(ticketId: number, dueAt: Date, overrides: Partial<NewTimer> = {}): NewTimer {
  timerCounter += 1;
  return {
    ticketId,
    key: `test.timer.${timerCounter}`,
    event: { type: 'ticket.comment', text: `Timer ${timerCounter} fired` },
    dueAt,
    createdAt: new Date(dueAt.getTime() - 60_000),
    ...overrides,
  };
}
