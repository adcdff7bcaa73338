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
 * map needs ("paused" is the stored column derived from the resolution clock, migration 0019). The
 * final states are written out, not passed in, so the planner can use the open tickets' index
 * (migration 0022), which it cannot prove matches a parameter.
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
      where state not in ('closed', 'closed_first_contact', 'cancelled')
        and ($1::text is null or district_id = $1)
        and ($2::text is null or agency_id = $2)
      order by id`,
    [filter.districtId ?? null, filter.agencyId ?? null],
  );
}
