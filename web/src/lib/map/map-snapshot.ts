import type { MapSnapshotColumns } from './map-snapshot-binary.ts';
import type { OpenRecord } from './map-point.ts';

const orNull = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? null : value);
const ms = (seconds: number | undefined) => {
  const value = orNull(seconds);
  return value === null ? null : value * 1000;
};
const named = (names: readonly string[], index: number | undefined) =>
  index === undefined || index < 0 ? null : (names[index] ?? null);

/** The server's columns back into one record per ticket (registration numbers stay on the server). */
export function decodeMapSnapshot(s: MapSnapshotColumns): OpenRecord[] {
  const records = new Array<OpenRecord>(s.count);
  for (let n = 0; n < s.count; n++) {
    records[n] = {
      id: s.id[n]!,
      version: s.version[n]!,
      lat: orNull(s.lat[n]),
      lon: orNull(s.lon[n]),
      districtId: named(s.districts, s.district[n]),
      agencyId: named(s.agencies, s.agency[n]),
      label: '',
      state: s.states[s.state[n]!] ?? 'registered',
      slaPaused: s.paused[n] === 1,
      ackDueMs: ms(s.ackDue[n]),
      ackWarnMs: ms(s.ackWarn[n]),
      resolveDueMs: ms(s.resolveDue[n]),
      resolveWarnMs: ms(s.resolveWarn[n]),
    };
  }
  return records;
}
