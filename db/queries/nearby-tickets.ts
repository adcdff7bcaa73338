import type { TicketState } from '../../workflows/ticket/ticket.types.ts';
import type { Sql } from '../client.ts';

/** What "nearby" means for one search; null fields switch their condition off. */
export interface NearbySearch {
  lat: number;
  lon: number;
  radiusM: number;
  /** Only appeals of this category. */
  categoryId: string | null;
  /** Only appeals filed at or after this time. */
  createdSince: Date | null;
  /** Leave out appeals in these states (closed ones, for "follow this one instead"). */
  excludeStates: readonly string[];
  /** Leave out this ticket (the one an operator is looking at). */
  excludeTicketId: number | null;
  limit: number;
}

/** A ticket near a point, nearest first. */
export interface NearbyTicket {
  id: number;
  registrationNumber: string | null;
  state: TicketState;
  categoryId: string;
  agencyId: string | null;
  lat: number;
  lon: number;
  createdAt: Date;
  distanceM: number;
}

interface Row {
  id: number;
  registration_number: string | null;
  state: TicketState;
  category_id: string;
  agency_id: string | null;
  lat: number;
  lon: number;
  created_at: Date;
  distance_m: number;
}

/**
 * Tickets within `radiusM` metres of a point, nearest first, for the residents' "already reported
 * nearby" and the operators' duplicate check. Distance is equirectangular on a sphere of the
 * Earth's mean radius (6,371,008.8 m), with the longitude scaled at the pair's mean latitude: over
 * a few hundred metres at Astana's 51° it differs from the great-circle distance by well under a
 * metre, and is plain arithmetic on both PostgreSQL and PGlite (no PostGIS). A bounding box in
 * degrees narrows the rows first; `tickets_category_created_idx` serves category and time.
 */
export async function findNearbyTickets(db: Sql, s: NearbySearch): Promise<NearbyTicket[]> {
  const rows = await db.query<Row>(
    `select * from (
       select id, registration_number, state, category_id, agency_id, lat, lon, created_at,
         6371008.8 * sqrt(
           power(radians(lat - $1::float8), 2)
           + power(radians(lon - $2::float8) * cos(radians((lat + $1::float8) / 2)), 2)
         ) as distance_m
       from tickets
       where lat between $1::float8 - degrees($3::float8 / 6371008.8)
                     and $1::float8 + degrees($3::float8 / 6371008.8)
         and lon between $2::float8 - degrees($3::float8 / (6371008.8 * cos(radians($1::float8)))) * 1.01
                     and $2::float8 + degrees($3::float8 / (6371008.8 * cos(radians($1::float8)))) * 1.01
         and ($4::text is null or category_id = $4::text)
         and ($5::timestamptz is null or created_at >= $5::timestamptz)
         and state <> all($6::text[])
         and ($7::int is null or id <> $7::int)
     ) near
     where distance_m <= $3::float8
     order by distance_m, id
     limit $8`,
    [s.lat, s.lon, s.radiusM, s.categoryId, s.createdSince, s.excludeStates, s.excludeTicketId, s.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    registrationNumber: r.registration_number,
    state: r.state,
    categoryId: r.category_id,
    agencyId: r.agency_id,
    lat: r.lat,
    lon: r.lon,
    createdAt: r.created_at,
    distanceM: r.distance_m,
  }));
}
