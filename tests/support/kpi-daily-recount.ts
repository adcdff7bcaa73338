import type { Sql } from '../../db/client.ts';
import type { KpiDay } from '../../server/contracts/kpi-report.contract.ts';
import { cityDate } from '../../server/kpi/city-day.ts';

// The daily trend recomputed the slow, obvious way: every ticket and every state change read back
// and sorted into the city's days by hand. Suites compare GET /api/kpis/daily with it.

/** Received and resolved per city date (YYYY-MM-DD) for what happened in [from, to). */
export async function recountDaily(
  db: Sql,
  from: Date,
  to: Date,
  timeZone: string,
): Promise<Map<string, Pick<KpiDay, 'received' | 'resolved'>>> {
  const tickets = await db.query<{ id: number; created_at: Date }>('select id, created_at from tickets');
  const events = await db.query<{
    ticket_id: number;
    from_state: string | null;
    to_state: string;
    created_at: Date;
  }>('select ticket_id, from_state, to_state, created_at from ticket_events');
  const within = (at: Date) => at >= from && at < to;
  const days = new Map<string, { received: number; resolved: Set<number> }>();
  const day = (at: Date) => {
    const date = cityDate(at, timeZone);
    let d = days.get(date);
    if (!d) days.set(date, (d = { received: 0, resolved: new Set() }));
    return d;
  };
  for (const t of tickets) if (within(t.created_at)) day(t.created_at).received++;
  for (const e of events) {
    const done = e.to_state === 'resolved' || e.to_state === 'closed_first_contact';
    if (done && e.from_state !== e.to_state && within(e.created_at))
      day(e.created_at).resolved.add(e.ticket_id);
  }
  return new Map([...days].map(([date, d]) => [date, { received: d.received, resolved: d.resolved.size }]));
}
