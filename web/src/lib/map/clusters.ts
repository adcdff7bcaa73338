import Supercluster from 'supercluster';
import type { SlaLevel } from './map-point.ts';
import type { MapMarker } from './marker-style.ts';

/** The levels, most urgent first (the legend's order). */
export const SLA_LEVELS: readonly SlaLevel[] = ['breached', 'warning', 'on_time'];

const RANK: Readonly<Record<SlaLevel, number>> = { on_time: 0, warning: 1, breached: 2 };
const BY_RANK: readonly SlaLevel[] = ['on_time', 'warning', 'breached'];

/** Per-point properties in the index: the point's position in the input array, nothing copied. */
interface PointProps {
  i: number;
}

/** What a cluster sums up from its points: the worst level, and how many are breached or warning. */
interface ClusterSums {
  worst: number;
  breached: number;
  warning: number;
}

/** A built index over one set of points; rebuilt (not patched) when the points change. */
export interface ClusterIndex {
  readonly markers: readonly MapMarker[];
  readonly tree: Supercluster<PointProps, ClusterSums>;
}

/** One thing to draw: a cluster (a counted disc) or a ticket standing alone (a dot). */
export type MapItem =
  | {
      kind: 'cluster';
      /** Supercluster's id, for the zoom that splits it. */
      clusterId: number;
      lat: number;
      lon: number;
      count: number;
      sla: SlaLevel;
      breached: number;
      warning: number;
    }
  | { kind: 'point'; marker: MapMarker };

/** [west, south, east, north] in degrees, as Supercluster and GeoJSON take it. */
export type BBox = [number, number, number, number];

/**
 * Screen pixels within which points merge (discs of a few thousand are ~60 px wide, so neighbours
 * do not overlap), and the zoom from which every ticket stands alone.
 */
export const CLUSTER_RADIUS_PX = 90;
export const CLUSTER_MAX_ZOOM = 16;

/** Builds the index over `markers`; at 50,000 this takes about 0.1–0.2 s, so callers batch it. */
export function buildClusterIndex(
  markers: readonly MapMarker[],
  options: { radiusPx?: number; maxZoom?: number } = {},
): ClusterIndex {
  const tree = new Supercluster<PointProps, ClusterSums>({
    radius: options.radiusPx ?? CLUSTER_RADIUS_PX,
    // Leaflet's tiles are 256 px (Supercluster assumes 512), so the radius is in screen pixels.
    extent: 256,
    maxZoom: options.maxZoom ?? CLUSTER_MAX_ZOOM,
    map: (props) => {
      const sla = markers[props.i]?.sla ?? 'on_time';
      return { worst: RANK[sla], breached: sla === 'breached' ? 1 : 0, warning: sla === 'warning' ? 1 : 0 };
    },
    reduce: (sums, more) => {
      sums.worst = Math.max(sums.worst, more.worst);
      sums.breached += more.breached;
      sums.warning += more.warning;
    },
  });
  tree.load(
    markers.map((m, i) => ({
      type: 'Feature',
      properties: { i },
      geometry: { type: 'Point', coordinates: [m.lon, m.lat] },
    })),
  );
  return { markers, tree };
}

/** The clusters and lone tickets inside `bbox` at `zoom`; clusters first, then the worst on top. */
export function clustersIn(index: ClusterIndex, bbox: BBox, zoom: number): MapItem[] {
  const items: MapItem[] = [];
  for (const feature of index.tree.getClusters(bbox, Math.floor(zoom))) {
    const [lon = 0, lat = 0] = feature.geometry.coordinates;
    const props = feature.properties;
    if ('cluster' in props && props.cluster) {
      items.push({
        kind: 'cluster',
        clusterId: props.cluster_id,
        lat,
        lon,
        count: props.point_count,
        sla: BY_RANK[props.worst] ?? 'on_time',
        breached: props.breached,
        warning: props.warning,
      });
    } else if ('i' in props) {
      const marker = index.markers[props.i];
      if (marker) items.push({ kind: 'point', marker });
    }
  }
  const weight = (item: MapItem) =>
    item.kind === 'cluster' ? 3 + RANK[item.sla] : RANK[item.marker.sla] === 2 ? 1 : 0;
  return items.sort((a, b) => weight(a) - weight(b));
}

/** The zoom at which a cluster falls apart (a console's click on it zooms there). */
export function expansionZoom(index: ClusterIndex, clusterId: number): number {
  return index.tree.getClusterExpansionZoom(clusterId);
}

/**
 * A cluster disc's diameter in CSS pixels: grows with the log of its count, so 10 and 10,000 differ
 * without the big ones covering a district; `scale` follows the wall's screen size.
 */
export function clusterDiameterPx(count: number, scale = 1): number {
  return Math.round((36 + 8 * Math.log10(Math.max(1, count))) * scale);
}

/**
 * Its count's font size: 20 px and up at 1080p, about 15 mm tall on a 55-inch wall, which reads from
 * 5 m (the district names beside them are 22 px).
 */
export function clusterFontPx(count: number, scale = 1): number {
  return Math.round((20 + 2 * Math.log10(Math.max(1, count))) * scale);
}
