import { describe, expect, it } from 'vitest';
import { decodeMapSnapshotBinary, encodeMapSnapshot } from './map-snapshot-binary.ts';
import type { MapSnapshot } from '#contracts/map.contract.ts';
import { decodeMapSnapshot } from './map-snapshot.ts';

describe('decodeMapSnapshot', () => {
  it('turns the binary columns into one record per ticket, with names and milliseconds', () => {
    const snapshot: MapSnapshot = {
      at: '2026-11-26T10:00:00Z',
      lastSeq: 7,
      states: ['registered', 'on_hold'],
      districts: ['almaty'],
      agencies: ['astana-su'],
      id: [4, 9],
      version: [2, 5],
      lat: [51.17, null],
      lon: [71.61, null],
      district: [0, -1],
      agency: [-1, 0],
      state: [0, 1],
      paused: [0, 1],
      ackDue: [1_800_000_000, null],
      ackWarn: [null, null],
      resolveDue: [1_800_003_600, 1_800_007_200],
      resolveWarn: [1_800_002_700, null],
    };
    const bytes = encodeMapSnapshot(snapshot);
    const columns = decodeMapSnapshotBinary(bytes.slice().buffer);
    expect(columns).toMatchObject({ at: snapshot.at, lastSeq: 7, count: 2, states: snapshot.states });
    expect(decodeMapSnapshot(columns)).toEqual([
      {
        id: 4,
        version: 2,
        lat: 51.17,
        lon: 71.61,
        districtId: 'almaty',
        agencyId: null,
        label: '',
        state: 'registered',
        slaPaused: false,
        ackDueMs: 1_800_000_000_000,
        ackWarnMs: null,
        resolveDueMs: 1_800_003_600_000,
        resolveWarnMs: 1_800_002_700_000,
      },
      {
        id: 9,
        version: 5,
        lat: null,
        lon: null,
        districtId: null,
        agencyId: 'astana-su',
        label: '',
        state: 'on_hold',
        slaPaused: true,
        ackDueMs: null,
        ackWarnMs: null,
        resolveDueMs: 1_800_007_200_000,
        resolveWarnMs: null,
      },
    ]);
  });
});
