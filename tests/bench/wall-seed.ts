import type { Db, Sql } from '../../db/client.ts';
import { systemClock } from '../../server/clock.ts';
import { CreateTicket, type Actor } from '../../server/contracts/ticket.contract.ts';
import { applyTicketEvent, createTicket, type EngineDeps } from '../../server/engine/ticket-engine.ts';
import { ticketFactory } from '../support/factories.ts';
import { inParallel } from '../support/timer-restart-fixtures.ts';

// The wall benchmark's city: tens of thousands of open tickets, made in seconds. A few dozen go
// through the engine (so their rows, snapshots and events are the real thing); the rest are copies
// of them scattered around their template's point with deadlines spread from long overdue to days
// ahead, so the map has breached, warning and on-time tickets in every district.

const SEEDER: Actor = { userId: null, role: 'simulator' };
const AGENCY: Actor = { userId: null, role: 'agency' };

/** Hot spots, one or two per district: where the templates are filed. */
const HOT_SPOTS: readonly { lat: number; lon: number }[] = [
  { lat: 51.128, lon: 71.43 }, // Yesil, by Baiterek
  { lat: 51.09, lon: 71.5 }, // Yesil, south-east
  { lat: 51.17, lon: 71.47 }, // Baikonur
  { lat: 51.2, lon: 71.55 }, // Almaty
  { lat: 51.16, lon: 71.6 }, // Almaty, east
  { lat: 51.19, lon: 71.38 }, // Saryarka
  { lat: 51.23, lon: 71.33 }, // Saryarka, north
  { lat: 51.11, lon: 71.36 }, // Nura
];

const CATEGORIES = ['flooding', 'road-damage', 'elevator', 'stray-dogs', 'street-lighting'] as const;

/** The three open states the templates are left in, so the copies show a mix of colours. */
const AGENCY_STEPS = [[], [{ type: 'ticket.accept' }], [{ type: 'ticket.start' }]] as const;

/** Files `count` templates through the engine; returns their ids. */
async function createTemplates(deps: EngineDeps, count: number): Promise<number[]> {
  const ids: number[] = [];
  await inParallel(count, 4, async (i) => {
    const spot = HOT_SPOTS[i % HOT_SPOTS.length]!;
    const body = ticketFactory({ categoryId: CATEGORIES[i % CATEGORIES.length]!, ...spot });
    const { ticket } = await createTicket(deps, CreateTicket.parse(body), SEEDER);
    for (const event of AGENCY_STEPS[i % AGENCY_STEPS.length]!)
      await applyTicketEvent(deps, ticket.id, event, AGENCY);
    ids.push(ticket.id);
  });
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
 * Copies every template into copies `firstCopy`…`lastCopy` in one statement: the row (registration number with `/n`,
 * the point moved up to ~3 km, deadlines shifted by -6 h…+42 h, so about a seventh are overdue and
 * some more past their warning; received over the last 30 days) and its events, shifted likewise. Timer rows are not copied: a wall benchmark wants
 * no escalations firing behind it.
 */
async function copyTemplates(
  db: Sql,
  templateIds: readonly number[],
  firstCopy: number,
  lastCopy: number,
): Promise<void> {
  const [ticketColumns, eventColumns] = await Promise.all(
    ['tickets', 'ticket_events'].map((table) => insertableColumns(db, table)),
  );
  const shift = `(c.shift_min * interval '1 minute')`;
  const age = `(c.age_min * interval '1 minute')`;
  const replace: Record<string, string> = {
    registration_number: `t.registration_number || '/' || c.n`,
    lat: `t.lat + c.dlat`,
    lon: `t.lon + c.dlon`,
    // A deadline the template has met (acknowledged) stays unset in its copies.
    ack_due_at: `case when t.ack_due_at is null then null else now() + ${shift} end`,
    ack_warn_at: `case when t.ack_warn_at is null then null else now() + ${shift} - interval '4 hours' end`,
    resolve_due_at: `now() + ${shift}`,
    resolve_warn_at: `now() + ${shift} - interval '6 hours'`,
    // A backlog builds up over weeks: about a thirtieth of it arrived today, as in a real centre.
    created_at: `t.created_at - ${age}`,
    registered_at: `t.registered_at - ${age}`,
    updated_at: `t.updated_at - ${age}`,
  };
  // Column names come from the catalog, never from input, so they are safe to quote into the statement.
  const list = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');
  const select = (columns: string[], alias: string, overrides: Record<string, string>) =>
    columns.map((c) => overrides[c] ?? `${alias}."${c}"`).join(', ');
  await db.query(
    `with params as (
       select t.id as template_id, n,
         (random() - 0.5) * 0.05 as dlat, (random() - 0.5) * 0.08 as dlon,
         floor(random() * 2880 - 360)::int as shift_min,
         floor(random() * 30 * 1440)::int as age_min
       from tickets t cross join generate_series($2::int, $3::int) as n where t.id = any($1::int[])
     ), copies as (
       insert into tickets (${list(ticketColumns!)})
       select ${select(ticketColumns!, 't', replace)}
       from params c join tickets t on t.id = c.template_id
       returning id, registration_number, created_at
     ), sources as (
       select c.id, split_part(c.registration_number, '/', 1) as template_number, c.created_at
       from copies c
     )
     insert into ticket_events (${list(eventColumns!)})
     select ${select(eventColumns!, 'e', {
       ticket_id: 's.id',
       created_at: 'e.created_at - (t.created_at - s.created_at)',
     })}
     from sources s join tickets t on t.registration_number = s.template_number
     join ticket_events e on e.ticket_id = t.id order by s.id, e.seq`,
    [templateIds, firstCopy, lastCopy],
  );
}

/**
 * Fills `db` (migrated) with `count` open tickets: `templates` through the engine, the rest copied.
 * Returns how long it took.
 */
export async function seedOpenTickets(db: Db, count: number, templates = 40): Promise<{ ms: number }> {
  const started = performance.now();
  const deps: EngineDeps = { db, clock: systemClock, cityTimeZone: 'Asia/Almaty' };
  const ids = await createTemplates(deps, templates);
  const perTemplate = Math.floor((count - templates) / templates);
  if (perTemplate > 0) await copyTemplates(db, ids, 1, perTemplate);
  const rest = count - templates - perTemplate * templates;
  if (rest > 0) await copyTemplates(db, ids.slice(0, rest), perTemplate + 1, perTemplate + 1);
  // As after any bulk load: vacuumed and analysed now, so autovacuum does not do it mid-measurement.
  await db.query('vacuum analyze tickets, ticket_events');
  return { ms: performance.now() - started };
}
