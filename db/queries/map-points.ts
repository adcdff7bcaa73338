import { FINAL_TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import type { Sql } from '../client.ts';

/** One open ticket as a wall map keeps it: where, who, and its deadlines in epoch seconds. */
export interface MapPointRow {
  id: number;
  version: number;
  lat: number | null;
  lon: number | null;
  district_id: string | null;
  agency_id: string | null;
  state: string;
  paused: boolean;
  ack_due: number | null;
  ack_warn: number | null;
  resolve_due: number | null;
  resolve_warn: number | null;
}

/**
 * Every open ticket, optionally of one district or agency, in id order, reading only the columns a
 * map needs ("paused" is the stored column derived from the resolution clock, migration 0019).
 */
export async function openMapPoints(
  db: Sql,
  filter: { districtId?: string | undefined; agencyId?: string | undefined },
): Promise<MapPointRow[]> {
  return db.query<MapPointRow>(
    `select id, version, lat, lon, district_id, agency_id, state, sla_paused as paused,
            floor(extract(epoch from ack_due_at))::int8 as ack_due,
            floor(extract(epoch from ack_warn_at))::int8 as ack_warn,
            floor(extract(epoch from resolve_due_at))::int8 as resolve_due,
            floor(extract(epoch from resolve_warn_at))::int8 as resolve_warn
       from tickets
      where state <> all($1::text[])
        and ($2::text is null or district_id = $2)
        and ($3::text is null or agency_id = $3)
      order by id`,
    [FINAL_TICKET_STATES, filter.districtId ?? null, filter.agencyId ?? null],
  );
}
