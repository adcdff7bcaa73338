import { z } from 'zod';
import { TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import { IsoTime, Slug } from './common.contract.ts';

/** GET /api/map/open-tickets: one view's open tickets (agency staff always get their agency's). */
export const MapSnapshotQuery = z
  .object({
    districtId: Slug.optional(),
    agencyId: Slug.optional(),
    /** `binary`: the same columns as typed arrays (see web/src/lib/map/map-snapshot-binary.ts), what the wall loads. */
    format: z.enum(['json', 'binary']).default('json'),
  })
  .strict();
export type MapSnapshotQuery = z.infer<typeof MapSnapshotQuery>;

const Seconds = z.number().int().nullable();
/** Index into the snapshot's `districts` or `agencies` list; -1 for none. */
const Index = z.number().int().min(-1);

/**
 * Every open ticket of a view as columns (the n-th entry of each array is the n-th ticket), with the
 * few fields a wall map and its counts need. A wall holds the whole city's open tickets, 50,000 on
 * a bad day: columns of numbers are a tenth of the size of full tickets and parse in one pass.
 * Deadlines are epoch seconds; districts and agencies are indexes into their lists.
 */
export const MapSnapshot = z.object({
  at: IsoTime,
  /** The event-log position the snapshot was read at: live changes after it are applied on top. */
  lastSeq: z.number().int(),
  states: z.array(z.enum(TICKET_STATES)),
  districts: z.array(z.string()),
  agencies: z.array(z.string()),
  id: z.array(z.number().int()),
  version: z.array(z.number().int()),
  /** null for a ticket known only by its address (counted, not drawn). */
  lat: z.array(z.number().nullable()),
  lon: z.array(z.number().nullable()),
  district: z.array(Index),
  agency: z.array(Index),
  /** Index into `states`. */
  state: z.array(z.number().int().min(0)),
  /** 1 while the resolution clock stands still (on hold). */
  paused: z.array(z.union([z.literal(0), z.literal(1)])),
  ackDue: z.array(Seconds),
  ackWarn: z.array(Seconds),
  resolveDue: z.array(Seconds),
  resolveWarn: z.array(Seconds),
});
export type MapSnapshot = z.infer<typeof MapSnapshot>;
