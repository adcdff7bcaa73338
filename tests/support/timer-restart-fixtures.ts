import type { Db, Sql } from '../../db/client.ts';
import { CreateTicket, type Actor } from '../../server/contracts/ticket.contract.ts';
import { applyTicketEvent, createTicket, type EngineDeps } from '../../server/engine/ticket-engine.ts';
import { ticketFactory } from './factories.ts';
import { TEST_DATABASE_URL } from './test-database.ts';

// Real tickets with the machine's own timers, and what a test needs to watch them fire from outside
// the processes that fire them: the timer rows, the event log, and which connection wrote each event.

/** The resolved state's delayed close: its timer row's key, and the event type it applies. */
export const CONFIRMATION_TIMER_KEY = 'xstate.after.confirmationWindow.ticket.resolved';

/** Who works the fixtures' tickets: neither a person nor the timer worker (whose role is 'system'). */
const FIXTURE_ACTOR: Actor = { userId: null, role: 'simulator' };

/** Runs `task(0)` … `task(count - 1)` with at most `concurrency` in flight. */
export async function inParallel(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(count, concurrency) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/**
 * Puts `count` tickets into `resolved`, each with the machine's own confirmation timer row: `templates`
 * of them through the engine (filed and routed, then resolved), the rest copied from those — row,
 * snapshot, timer rows and event history — since at the engine's 60–250 tickets a second on a busy
 * 2-core machine, thousands would take most of a minute. Returns their ids, ascending.
 */
export async function createResolvedTickets(
  deps: EngineDeps,
  count: number,
  templates = Math.min(count, 20),
): Promise<number[]> {
  const made: number[] = [];
  await inParallel(templates, 4, async () => {
    const { ticket } = await createTicket(deps, CreateTicket.parse(ticketFactory()), FIXTURE_ACTOR);
    await applyTicketEvent(
      deps,
      ticket.id,
      { type: 'ticket.resolve', resolution: 'Pumped out' },
      FIXTURE_ACTOR,
    );
    made.push(ticket.id);
  });
  const ids = [...made];
  for (const [t, templateId] of made.entries()) {
    const copies =
      Math.floor((count - templates) / templates) + (t < (count - templates) % templates ? 1 : 0);
    ids.push(...(await copyTicket(deps.db, templateId, copies)));
  }
  // A running service's tables have statistics (autovacuum); freshly filled ones have none.
  await deps.db.query('analyze tickets, ticket_timers, ticket_events');
  return ids.sort((a, b) => a - b);
}

/** The columns an insert may set, in order: every column but generated and identity ones. */
async function insertableColumns(db: Sql, table: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `select column_name as name from information_schema.columns
     where table_schema = current_schema() and table_name = $1 and is_identity = 'NO' and is_generated = 'NEVER'
     order by ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

/**
 * Copies a ticket `copies` times in one statement: its row (each copy's registration number is the
 * template's with `/n`), its timer rows and its events. Every column is copied, whatever migrations
 * add. Returns the copies' ids.
 */
async function copyTicket(db: Sql, templateId: number, copies: number): Promise<number[]> {
  if (copies <= 0) return [];
  const [ticketColumns, timerColumns, eventColumns] = await Promise.all(
    ['tickets', 'ticket_timers', 'ticket_events'].map((table) => insertableColumns(db, table)),
  );
  // Column names come from the catalog, never from input, so they are safe to quote into the statement.
  const list = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');
  const select = (columns: string[], alias: string, replace: Record<string, string>) =>
    columns.map((c) => replace[c] ?? `${alias}."${c}"`).join(', ');
  const rows = await db.query<{ id: number }>(
    `with copies as (
       insert into tickets (${list(ticketColumns!)})
       select ${select(ticketColumns!, 't', { registration_number: `t.registration_number || '/' || n` })}
       from tickets t cross join generate_series(1, $2::int) as n where t.id = $1
       returning id
     ), timers as (
       insert into ticket_timers (${list(timerColumns!)})
       select ${select(timerColumns!, 'x', { ticket_id: 'c.id' })}
       from copies c cross join ticket_timers x where x.ticket_id = $1
     ), events as (
       insert into ticket_events (${list(eventColumns!)})
       select ${select(eventColumns!, 'e', { ticket_id: 'c.id' })}
       from copies c cross join ticket_events e where e.ticket_id = $1 order by c.id, e.seq
     )
     select id from copies`,
    [templateId, copies],
  );
  return rows.map((r) => r.id);
}

/**
 * Moves pending `key` timers to new due times in one statement; returns how many moved. The row is the
 * durable truth, so this is how a test brings a 72-hour confirmation window to the next few seconds.
 */
export async function moveTimersDue(
  db: Sql,
  key: string,
  dueAts: readonly { ticketId: number; dueAt: Date }[],
): Promise<number> {
  const payload = JSON.stringify(
    dueAts.map((d) => ({ ticket_id: d.ticketId, due_at: d.dueAt.toISOString() })),
  );
  const rows = await db.query<{ id: number }>(
    `update ticket_timers t set due_at = d.due_at
     from jsonb_to_recordset($2::text::jsonb) as d(ticket_id integer, due_at timestamptz)
     where t.ticket_id = d.ticket_id and t.key = $1
     returning t.id`,
    [key, payload],
  );
  return rows.length;
}

/** A pending timer as a restart finds it. */
export interface OverdueTimer {
  id: number;
  ticketId: number;
  dueAt: Date;
}

/** Pending `key` timers due at or before `at`, in the order the worker promises to fire them. */
export async function listOverdueTimers(db: Sql, key: string, at: Date): Promise<OverdueTimer[]> {
  return db.query<OverdueTimer>(
    `select id, ticket_id as "ticketId", due_at as "dueAt" from ticket_timers
     where key = $1 and due_at <= $2 and failed_at is null order by due_at, id`,
    [key, at],
  );
}

/** Every timer row, pending or given up on. */
export async function countTimerRows(db: Sql): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from ticket_timers');
  return row?.n ?? 0;
}

/** How many tickets are in each state. */
export async function countTicketsByState(db: Sql): Promise<Record<string, number>> {
  const rows = await db.query<{ state: string; n: number }>(
    'select state, count(*)::int as n from tickets group by state',
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** The URL of `db`'s database on the test server, for a process that names itself `applicationName`. */
export async function databaseUrlFor(db: Sql, applicationName: string): Promise<string> {
  const [row] = await db.query<{ name: string }>('select current_database() as name');
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${row!.name}`;
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}

/** Waits until no connection named `applicationName` is left, so a killed process holds no lock. */
export async function waitForDisconnect(db: Sql, applicationName: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
       where datname = current_database() and application_name = $1`,
      [applicationName],
    );
    if (row?.n === 0) return;
    if (Date.now() > deadline) throw new Error(`${applicationName} still connected after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Records which connection (its `application_name`) wrote each event row, in a table of the test's
 * own. The event log does not say which process applied an event, and the worker's promise of due
 * order holds per process: two processes' batches interleave.
 */
export async function recordEventWriters(db: Db): Promise<void> {
  await db.exec(`
    create table test_event_writers (seq bigint primary key, writer text not null);
    create function test_record_event_writer() returns trigger language plpgsql as $$
    begin
      insert into test_event_writers (seq, writer) values (new.seq, current_setting('application_name'));
      return new;
    end $$;
    create trigger test_record_event_writer after insert on ticket_events
      for each row execute function test_record_event_writer();`);
}

/** An event that closed a ticket, with the connection that wrote it. */
export interface Closing {
  seq: number;
  ticketId: number;
  type: string;
  actorRole: string;
  fromState: string | null;
  writer: string | null;
}

/** Every event that moved a ticket into `closed`, in commit (seq) order. Needs `recordEventWriters`. */
export async function listClosings(db: Sql): Promise<Closing[]> {
  return db.query<Closing>(
    `select e.seq, e.ticket_id as "ticketId", e.type, e.actor_role as "actorRole",
       e.from_state as "fromState", w.writer
     from ticket_events e left join test_event_writers w on w.seq = e.seq
     where e.to_state = 'closed' order by e.seq`,
  );
}

/** How many tickets a `key` timer has closed so far. */
export async function countTimerClosings(db: Sql, key: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    "select count(*)::int as n from ticket_events where type = $1 and to_state = 'closed'",
    [key],
  );
  return row?.n ?? 0;
}
