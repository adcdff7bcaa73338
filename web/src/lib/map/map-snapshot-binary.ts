import type { MapSnapshot } from '#contracts/map.contract.ts';

// The map snapshot as binary columns (`GET /api/map/open-tickets?format=binary`), what the wall
// loads: 50,000 tickets as JSON are 3.4 MB of text the page's thread must decode, parse into
// ~300,000 boxed numbers and collect again; as typed arrays they are read in place. No imports but
// a type, so the server encodes with this same module (SvelteKit keeps the browser out of server/,
// so the one codec lives here, on the web's side).
//
// Layout, little-endian: a Uint32 with the header's length in bytes, the header (UTF-8 JSON: at,
// lastSeq, states, districts, agencies, count) padded with spaces to a multiple of 8 bytes, then
// the columns in the order of COLUMNS, each `count` values long. Null is NaN in a Float64 column.

/** The `format` query value that asks for this encoding. */
export const MAP_SNAPSHOT_BINARY_FORMAT = 'binary';

/** The columns in the order they are laid out: widest first, so every column starts aligned. */
const COLUMNS = [
  ['lat', Float64Array],
  ['lon', Float64Array],
  ['ackDue', Float64Array],
  ['ackWarn', Float64Array],
  ['resolveDue', Float64Array],
  ['resolveWarn', Float64Array],
  ['id', Int32Array],
  ['version', Int32Array],
  ['district', Int16Array],
  ['agency', Int16Array],
  ['state', Uint8Array],
  ['paused', Uint8Array],
] as const;

type ColumnName = (typeof COLUMNS)[number][0];
type ColumnArray<N extends ColumnName> = InstanceType<
  Extract<(typeof COLUMNS)[number], readonly [N, unknown]>[1]
>;

/** A decoded snapshot: the JSON form's header, and its columns as typed arrays (NaN for null). */
export type MapSnapshotColumns = Pick<MapSnapshot, 'at' | 'lastSeq' | 'states' | 'districts' | 'agencies'> & {
  count: number;
} & { [N in ColumnName]: ColumnArray<N> };

type Header = Pick<MapSnapshotColumns, 'at' | 'lastSeq' | 'states' | 'districts' | 'agencies' | 'count'>;

/** The snapshot's columns as one buffer. */
export function encodeMapSnapshot(snapshot: MapSnapshot): Uint8Array {
  const count = snapshot.id.length;
  const header: Header = {
    at: snapshot.at,
    lastSeq: snapshot.lastSeq,
    states: snapshot.states,
    districts: snapshot.districts,
    agencies: snapshot.agencies,
    count,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align8(4 + json.length);
  let size = start;
  for (const [, Type] of COLUMNS) size += count * Type.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(size);
  new DataView(bytes.buffer).setUint32(0, json.length, true);
  bytes.set(json, 4);
  bytes.fill(0x20, 4 + json.length, start);
  let offset = start;
  for (const [name, Type] of COLUMNS) {
    const column = new Type(bytes.buffer, offset, count);
    const values: readonly (number | null)[] = snapshot[name];
    for (let i = 0; i < count; i++) column[i] = values[i] ?? NaN;
    offset += count * Type.BYTES_PER_ELEMENT;
  }
  return bytes;
}

/** Reads a buffer `encodeMapSnapshot` wrote; throws when it is cut short or not one. */
export function decodeMapSnapshotBinary(buffer: ArrayBuffer): MapSnapshotColumns {
  if (buffer.byteLength < 4) throw new Error('map snapshot: too short');
  const length = new DataView(buffer).getUint32(0, true);
  if (4 + length > buffer.byteLength) throw new Error('map snapshot: header cut short');
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length))) as Header;
  const { count } = header;
  let offset = align8(4 + length);
  const columns: Partial<Record<ColumnName, ArrayLike<number>>> = {};
  for (const [name, Type] of COLUMNS) {
    const end = offset + count * Type.BYTES_PER_ELEMENT;
    if (end > buffer.byteLength) throw new Error(`map snapshot: column ${name} cut short`);
    columns[name] = new Type(buffer, offset, count);
    offset = end;
  }
  return { ...header, ...(columns as { [N in ColumnName]: ColumnArray<N> }) };
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;
