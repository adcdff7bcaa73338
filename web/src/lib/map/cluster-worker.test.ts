import { describe, expect, it } from 'vitest';
import { ClusterWorker } from './cluster-worker.ts';
import { buildClusterTree, findInTree, itemsOf, packPoints, type BBox } from './clusters.ts';
import type { MapMarker } from './marker-style.ts';

const CITY: BBox = [71.2, 50.95, 71.8, 51.35];

function marker(id: number, lat: number, lon: number, sla: MapMarker['sla'] = 'on_time'): MapMarker {
  return {
    id,
    lat,
    lon,
    sla,
    label: `2026-${id}`,
    style: { radius: 7, color: '#000', fillColor: '#38bdf8', fillOpacity: 0.9, weight: 1.5 },
  };
}

const crowd = (from: number, count: number, lat: number, lon: number, sla: MapMarker['sla'] = 'on_time') =>
  Array.from({ length: count }, (_, i) =>
    marker(from + i, lat + (i % 7) * 1e-4, lon + Math.floor(i / 7) * 1e-4, sla),
  );

// Unit tests have no Web Workers: the clusterer answers in the page, through the same requests.
describe('ClusterWorker', () => {
  it('finds what the index in the page finds, with the markers of the last load', async () => {
    const markers = [
      ...crowd(1, 40, 51.13, 71.43),
      ...crowd(100, 3, 51.2, 71.55, 'breached'),
      marker(500, 51.3, 71.7),
    ];
    const clusterer = new ClusterWorker();
    expect(await clusterer.find(CITY, 11)).toEqual([]);
    await clusterer.load(markers, 16);
    const items = await clusterer.find(CITY, 11);
    expect(items).toEqual(itemsOf(findInTree(buildClusterTree(packPoints(markers)), CITY, 11), markers));
    expect(items.at(-1)).toMatchObject({ kind: 'cluster', count: 3, sla: 'breached', breached: 3 });
    const lone = items.find((i) => i.kind === 'point');
    expect(lone?.kind === 'point' && lone.marker).toBe(markers.at(-1));
    const big = items.find((i) => i.kind === 'cluster' && i.count === 40);
    if (big?.kind !== 'cluster') throw new Error('expected the crowd of 40');
    expect(await clusterer.expansionZoom(big.clusterId)).toBeGreaterThan(11);
  });

  it('answers from the latest load, and refuses to expand before any', async () => {
    const clusterer = new ClusterWorker();
    await expect(clusterer.expansionZoom(1)).rejects.toThrow(/nothing is loaded/);
    await clusterer.load(crowd(1, 10, 51.13, 71.43), 16);
    await clusterer.load([marker(1, 51.13, 71.43)], 16);
    const items = await clusterer.find(CITY, 11);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'point' });
  });
});
