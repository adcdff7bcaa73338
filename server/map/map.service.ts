import type { Sql } from '../../db/client.ts';
import { openMapPoints, type MapPointRow } from '../../db/queries/map-points.ts';
import { lastEventSeq } from '../../db/queries/ticket-events.ts';
import { TICKET_STATES, type TicketState } from '../../workflows/ticket/ticket.types.ts';
import type { Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import { encodeMapSnapshot } from '../../web/src/lib/map/map-snapshot-binary.ts';
import type { MapSnapshot, MapSnapshotQuery } from '../contracts/map.contract.ts';
import type { SnapshotCache } from './snapshot-cache.ts';

/** Five decimals of a degree are about a metre: enough for a map, a third shorter on the wire. */
const round5 = (degrees: number | null) => (degrees === null ? null : Math.round(degrees * 1e5) / 1e5);

/** Assigns each distinct name an index in first-seen order. */
class Dictionary {
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  indexOf(name: string | null): number {
    if (name === null) return -1;
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.push(name) - 1;
      this.index.set(name, i);
    }
    return i;
  }
}

const STATE_INDEX = new Map<string, number>(TICKET_STATES.map((s, i) => [s, i]));

/** Turns rows into the snapshot's columns. */
export function toMapSnapshot(rows: readonly MapPointRow[], at: Date, lastSeq: number): MapSnapshot {
  const districts = new Dictionary();
  const agencies = new Dictionary();
  const snapshot: MapSnapshot = {
    at: at.toISOString(),
    lastSeq,
    states: [...TICKET_STATES] as TicketState[],
    districts: districts.names,
    agencies: agencies.names,
    id: [],
    version: [],
    lat: [],
    lon: [],
    district: [],
    agency: [],
    state: [],
    paused: [],
    ackDue: [],
    ackWarn: [],
    resolveDue: [],
    resolveWarn: [],
  };
  for (const row of rows) {
    snapshot.id.push(row.id);
    snapshot.version.push(row.version);
    snapshot.lat.push(round5(row.lat));
    snapshot.lon.push(round5(row.lon));
    snapshot.district.push(districts.indexOf(row.district_id));
    snapshot.agency.push(agencies.indexOf(row.agency_id));
    snapshot.state.push(STATE_INDEX.get(row.state) ?? 0);
    snapshot.paused.push(row.paused ? 1 : 0);
    snapshot.ackDue.push(row.ack_due);
    snapshot.ackWarn.push(row.ack_warn);
    snapshot.resolveDue.push(row.resolve_due);
    snapshot.resolveWarn.push(row.resolve_warn);
  }
  return snapshot;
}

/**
 * Every open ticket of a wall's view in one answer, encoded as JSON or as binary columns. The log
 * position is read first, so a change committed while the rows are read is also pushed after it and
 * applied on top (by version); while the position stands still, the view's last answer is sent again
 * (`cache`).
 */
export async function encodedMapSnapshot(
  db: Sql,
  clock: Clock,
  cache: SnapshotCache,
  viewer: Viewer,
  query: MapSnapshotQuery,
): Promise<Buffer> {
  const lastSeq = await lastEventSeq(db);
  const agencyId = viewer.role === 'agency' ? (viewer.agencyId ?? '') : query.agencyId;
  const view = `${query.districtId ?? ''}|${agencyId ?? ''}|${query.format}`;
  return cache.get(view, lastSeq, async () => {
    const rows = await openMapPoints(db, { districtId: query.districtId, agencyId });
    const snapshot = toMapSnapshot(rows, clock(), lastSeq);
    if (query.format === 'binary') {
      const bytes = encodeMapSnapshot(snapshot);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    return Buffer.from(JSON.stringify(snapshot));
  });
}
