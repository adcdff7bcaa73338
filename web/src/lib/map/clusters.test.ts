import { describe, expect, it } from 'vitest';
import { ticketFactory } from '../tickets/ticket.factory.ts';
import {
  buildClusterTree,
  clusterDiameterPx,
  clusterFontPx,
  findInTree,
  itemsOf,
  packPoints,
  type BBox,
  type MapItem,
} from './clusters.ts';
import type { SlaLevel } from './map-point.ts';
import { OVERDUE_COLOR, SLA_COLORS, ticketMarkers, type MapMarker } from './marker-style.ts';

const CITY: BBox = [71.2, 50.95, 71.8, 51.35];

/** What the clusterer's worker does, in the test's thread: an index over markers, then a search. */
const buildClusterIndex = (markers: readonly MapMarker[], options: { maxZoom?: number } = {}) => ({
  markers,
  tree: buildClusterTree(packPoints(markers), options),
});
type Index = ReturnType<typeof buildClusterIndex>;
const clustersIn = (index: Index, bbox: BBox, zoom: number) =>
  itemsOf(findInTree(index.tree, bbox, zoom), index.markers);
const expansionZoom = (index: Index, clusterId: number) => index.tree.getClusterExpansionZoom(clusterId);

let nextId = 1;
/** A marker at a point, of a given urgency; ids count up. */
function marker(lat: number, lon: number, sla: SlaLevel = 'on_time'): MapMarker {
  const id = nextId++;
  return {
    id,
    lat,
    lon,
    sla,
    label: `2026-${String(id).padStart(6, '0')}`,
    style: { radius: 7, color: '#000', fillColor: '#38bdf8', fillOpacity: 0.9, weight: 1.5 },
  };
}

/** `count` markers within ~50 m of a point. */
const crowd = (count: number, lat: number, lon: number, sla: SlaLevel = 'on_time') =>
  Array.from({ length: count }, (_, i) => marker(lat + (i % 7) * 1e-4, lon + Math.floor(i / 7) * 1e-4, sla));

const clusters = (items: MapItem[]) => items.filter((i) => i.kind === 'cluster');
const singles = (items: MapItem[]) => items.filter((i) => i.kind === 'point');

describe('buildClusterTree, findInTree and itemsOf', () => {
  it('gathers a crowd into one cluster counting every ticket', () => {
    const index = buildClusterIndex(crowd(40, 51.128, 71.43));
    const items = clustersIn(index, CITY, 11);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'cluster', count: 40, sla: 'on_time', breached: 0, warning: 0 });
  });

  it('keeps tickets far apart as single dots, and splits a crowd when zoomed in far enough', () => {
    const index = buildClusterIndex([...crowd(2, 51.128, 71.43), marker(51.25, 71.7)]);
    const atCity = clustersIn(index, CITY, 11);
    expect(clusters(atCity).map((c) => c.kind === 'cluster' && c.count)).toEqual([2]);
    expect(singles(atCity)).toHaveLength(1);
    expect(singles(clustersIn(index, CITY, 17))).toHaveLength(3);
  });

  it('counts each of 300 tickets exactly once across clusters and dots', () => {
    const markers = [...crowd(120, 51.13, 71.43), ...crowd(100, 51.2, 71.55), ...crowd(80, 51.1, 71.35)];
    const items = clustersIn(buildClusterIndex(markers), CITY, 11);
    const counted = items.reduce((n, i) => n + (i.kind === 'cluster' ? i.count : 1), 0);
    expect(counted).toBe(300);
    expect(items.length).toBeLessThan(10);
  });

  it('colours a cluster by its worst deadline: breached over warning over on time', () => {
    const onTime = crowd(30, 51.13, 71.43);
    const withWarning = [...onTime, marker(51.1301, 71.4301, 'warning')];
    const withBreach = [...withWarning, marker(51.1302, 71.4302, 'breached')];
    const level = (markers: MapMarker[]) => {
      const [item] = clustersIn(buildClusterIndex(markers), CITY, 11);
      return item?.kind === 'cluster'
        ? { sla: item.sla, breached: item.breached, warning: item.warning }
        : null;
    };
    expect(level(onTime)).toEqual({ sla: 'on_time', breached: 0, warning: 0 });
    expect(level(withWarning)).toEqual({ sla: 'warning', breached: 0, warning: 1 });
    expect(level(withBreach)).toEqual({ sla: 'breached', breached: 1, warning: 1 });
  });

  it('sums levels through every zoom level, not only the first merge', () => {
    // Three crowds that merge into one only at a low zoom: the sums must survive both merges.
    const markers = [
      ...crowd(10, 51.13, 71.43, 'breached'),
      ...crowd(10, 51.16, 71.47, 'warning'),
      ...crowd(10, 51.19, 71.51),
    ];
    const [whole] = clustersIn(buildClusterIndex(markers), CITY, 5);
    expect(whole).toMatchObject({ kind: 'cluster', count: 30, sla: 'breached', breached: 10, warning: 10 });
  });

  it('returns only what lies inside the box', () => {
    const index = buildClusterIndex([...crowd(5, 51.13, 71.43), ...crowd(5, 51.25, 71.7)]);
    const west: BBox = [71.3, 51.0, 71.5, 51.2];
    const items = clustersIn(index, west, 12);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'cluster', count: 5 });
    expect(clustersIn(index, [70, 50, 70.5, 50.5], 12)).toEqual([]);
  });

  it('hands lone tickets back as their own markers, breached ones last so they are drawn on top', () => {
    const late = marker(51.25, 71.7, 'breached');
    const fine = marker(51.05, 71.3);
    const items = clustersIn(buildClusterIndex([late, fine]), CITY, 11);
    expect(items.map((i) => i.kind === 'point' && i.marker)).toEqual([fine, late]);
  });

  it('clusters the same at the view’s zoom when built only down to it (the wall’s cheaper index)', () => {
    const markers = [...crowd(60, 51.13, 71.43), ...crowd(40, 51.135, 71.44), marker(51.2, 71.6)];
    const summary = (items: MapItem[]) =>
      items.map((i) => (i.kind === 'cluster' ? `${i.lat},${i.lon},${i.count}` : `id ${i.marker.id}`)).sort();
    const full = clustersIn(buildClusterIndex(markers), CITY, 11);
    expect(summary(clustersIn(buildClusterIndex(markers, { maxZoom: 11 }), CITY, 11))).toEqual(summary(full));
  });

  it('tells the zoom at which a cluster splits', () => {
    const index = buildClusterIndex(crowd(2, 51.128, 71.43));
    const [item] = clustersIn(index, CITY, 11);
    if (item?.kind !== 'cluster') throw new Error('expected a cluster');
    expect(expansionZoom(index, item.clusterId)).toBeGreaterThan(11);
  });

  it('takes the urgency ticketMarkers computes from the tickets’ deadlines', () => {
    const now = new Date('2026-11-25T10:00:00.000Z');
    const tickets = [
      ticketFactory({ id: 1, resolveDueAt: '2026-11-25T09:00:00.000Z' }),
      ticketFactory({ id: 2, lat: 51.1601, resolveWarnAt: '2026-11-25T09:30:00.000Z' }),
      ticketFactory({ id: 3, lat: 51.1602, resolveWarnAt: '2026-11-25T11:00:00.000Z' }),
    ];
    const markers = ticketMarkers(tickets, now, () => '');
    expect(markers.map((m) => [m.id, m.sla])).toEqual([
      [2, 'warning'],
      [3, 'on_time'],
      [1, 'breached'],
    ]);
    const [item] = clustersIn(buildClusterIndex(markers), CITY, 11);
    expect(item).toMatchObject({ kind: 'cluster', count: 3, sla: 'breached' });
  });
});

describe('SLA_COLORS', () => {
  it('paints breached clusters the overdue red of the markers and the legend', () => {
    expect(SLA_COLORS.breached).toBe(OVERDUE_COLOR);
    expect(new Set(Object.values(SLA_COLORS)).size).toBe(3);
  });
});

describe('clusterDiameterPx', () => {
  it('grows with the count, slowly, and with the screen', () => {
    expect(clusterDiameterPx(10)).toBeGreaterThan(clusterDiameterPx(2));
    expect(clusterDiameterPx(10_000)).toBeLessThan(3 * clusterDiameterPx(10));
    expect(clusterDiameterPx(100, 2)).toBe(2 * clusterDiameterPx(100));
    expect(clusterDiameterPx(2)).toBeGreaterThanOrEqual(36);
  });

  it('writes the count at 20 px or more at 1080p, readable from 5 m, larger on larger walls', () => {
    expect(clusterFontPx(2)).toBeGreaterThanOrEqual(20);
    expect(clusterFontPx(5000)).toBeGreaterThan(clusterFontPx(5));
    expect(clusterFontPx(100, 2)).toBe(2 * clusterFontPx(100));
  });
});
