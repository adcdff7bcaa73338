import type { MapSnapshot } from '#contracts/map.contract.ts';
import type { OpenRecord } from './map-point.ts';

const ms = (seconds: number | null | undefined) => (seconds == null ? null : seconds * 1000);
const named = (names: readonly string[], index: number | undefined) =>
  index === undefined || index < 0 ? null : (names[index] ?? null);

/** The server's columns back into one record per ticket (registration numbers stay on the server). */
export function decodeMapSnapshot(s: MapSnapshot): OpenRecord[] {
  const records = new Array<OpenRecord>(s.id.length);
  for (let n = 0; n < s.id.length; n++) {
    records[n] = {
      id: s.id[n]!,
      version: s.version[n]!,
      lat: s.lat[n] ?? null,
      lon: s.lon[n] ?? null,
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
