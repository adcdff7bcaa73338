import { z } from 'zod';
import type { Sql } from '../../db/client.ts';
import type { AppliedChange } from '../engine/ticket-engine.ts';

/** The PostgreSQL channel on which every Komek process announces what its transactions changed. */
export const CHANGE_CHANNEL = 'komek_changes';

/**
 * What one transaction changed, as announced to the other processes on the database: which event
 * rows and alerts to push, and from which process (that one has pushed them already). Small on
 * purpose: NOTIFY payloads stay far below PostgreSQL's 8000-byte limit, the rows are read back.
 */
export const ChangeNotice = z.object({
  origin: z.string(),
  tickets: z.array(
    z.object({
      id: z.number().int(),
      seqs: z.array(z.number().int()),
      previousAgencyId: z.string().nullable(),
      alerts: z.array(z.object({ id: z.number().int(), kind: z.enum(['raised', 'updated']) })),
    }),
  ),
});
export type ChangeNotice = z.infer<typeof ChangeNotice>;

/** The notice for a change and the changes it carried along (merged appeals). */
export function noticeOf(origin: string, change: AppliedChange): ChangeNotice {
  const flat = (c: AppliedChange): AppliedChange[] => [c, ...(c.related ?? []).flatMap(flat)];
  return {
    origin,
    tickets: flat(change).map((c) => ({
      id: c.ticket.id,
      seqs: c.events.map((e) => e.seq),
      previousAgencyId: c.previousAgencyId ?? null,
      alerts: c.alerts.map((a) => ({ id: a.alert.id, kind: a.kind })),
    })),
  };
}

/** Announces a change inside its transaction: PostgreSQL delivers the NOTIFY only if it commits. */
export async function announceChange(tx: Sql, notice: ChangeNotice): Promise<void> {
  await tx.query('select pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify(notice)]);
}
