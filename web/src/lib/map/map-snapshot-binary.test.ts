import { describe, expect, it } from 'vitest';
import { decodeMapSnapshotBinary, encodeMapSnapshot } from './map-snapshot-binary.ts';
import type { MapSnapshot } from '#contracts/map.contract.ts';

const snapshot = (over: Partial<MapSnapshot> = {}): MapSnapshot => ({
  at: '2026-11-26T10:00:00.000Z',
  lastSeq: 41,
  states: ['registered', 'assigned'],
  districts: ['yesil', 'nura'],
  agencies: ['astana-su-arnasy'],
  id: [3, 70_000],
  version: [1, 12],
  lat: [51.12345, null],
  lon: [71.43, null],
  district: [1, -1],
  agency: [-1, 0],
  state: [0, 1],
  paused: [1, 0],
  ackDue: [null, 1_800_000_000],
  ackWarn: [null, 1_799_990_000],
  resolveDue: [2_100_000_000, null],
  resolveWarn: [2_099_000_000, null],
  ...over,
});

const roundTrip = (s: MapSnapshot) => {
  const bytes = encodeMapSnapshot(s);
  // A fresh buffer, as fetch hands one over: no offset into a larger one.
  return { bytes, columns: decodeMapSnapshotBinary(bytes.slice().buffer) };
};

describe('the binary map snapshot', () => {
  it('carries every column and the header; null reads back as NaN', () => {
    const { columns } = roundTrip(snapshot());
    expect(columns).toMatchObject({ at: '2026-11-26T10:00:00.000Z', lastSeq: 41, count: 2 });
    expect(columns.districts).toEqual(['yesil', 'nura']);
    expect([...columns.id]).toEqual([3, 70_000]);
    expect([...columns.lat]).toEqual([51.12345, NaN]);
    expect([...columns.district]).toEqual([1, -1]);
    expect([...columns.paused]).toEqual([1, 0]);
    expect([...columns.ackDue]).toEqual([NaN, 1_800_000_000]);
    expect([...columns.resolveDue]).toEqual([2_100_000_000, NaN]);
  });

  it('starts every column aligned, whatever the header length', () => {
    for (const name of ['a', 'ab', 'abc', 'abcdefg', 'yesil-district-with-a-long-name']) {
      const { bytes, columns } = roundTrip(snapshot({ districts: [name, 'nura'] }));
      expect(bytes.byteLength % 2).toBe(0);
      expect(columns.districts[0]).toBe(name);
      expect([...columns.lon]).toEqual([71.43, NaN]);
    }
  });

  it('holds an empty view', () => {
    const empty = snapshot({
      ...Object.fromEntries(
        ['id', 'version', 'lat', 'lon', 'district', 'agency', 'state', 'paused'].map((k) => [k, []]),
      ),
      ackDue: [],
      ackWarn: [],
      resolveDue: [],
      resolveWarn: [],
    });
    const { columns } = roundTrip(empty);
    expect(columns.count).toBe(0);
    expect(columns.id).toHaveLength(0);
  });

  it('refuses a buffer cut short, naming where', () => {
    const bytes = encodeMapSnapshot(snapshot());
    expect(() => decodeMapSnapshotBinary(bytes.slice(0, 2).buffer)).toThrow('too short');
    expect(() => decodeMapSnapshotBinary(bytes.slice(0, 20).buffer)).toThrow('header cut short');
    expect(() => decodeMapSnapshotBinary(bytes.slice(0, bytes.length - 1).buffer)).toThrow(
      'column paused cut short',
    );
  });
});
