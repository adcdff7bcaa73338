import Supercluster from 'supercluster';
import type { SlaLevel } from './map-point.ts';
import type { MapMarker } from './marker-style.ts';

/** The levels, most urgent first (the legend's order). */
export const SLA_LEVELS: readonly SlaLevel[] = ['breached', 'warning', 'on_time'];

const RANK: Readonly<Record<SlaLevel, number>> = { on_time: 0, warning: 1, breached: 2 };
const BY_RANK: readonly SlaLevel[] = ['on_time', 'warning', 'breached'];

/** Per-point properties in the index: the point's position in the input, nothing copied. */
interface PointProps {
  i: number;
}

/** What a cluster sums up from its points: the worst level, and how many are breached or warning. */
interface ClusterSums {
  worst: number;
  breached: number;
  warning: number;
}

/** Supercluster's index over packed points (see packPoints); built and searched in ClusterWorker. */
export type ClusterTree = Supercluster<PointProps, ClusterSums>;

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

/** A cluster as the index finds it: plain numbers, so a worker can send it. */
export interface FoundCluster {
  clusterId: number;
  lat: number;
  lon: number;
  count: number;
  /** The worst level's rank: 0 on time, 1 warning, 2 breached. */
  worst: number;
  breached: number;
  warning: number;
}

/** What the index holds in a box at a zoom: clusters, and lone points by their position in the input. */
export interface Found {
  clusters: FoundCluster[];
  points: number[];
}

/** [west, south, east, north] in degrees, as Supercluster and GeoJSON take it. */
export type BBox = [number, number, number, number];

/**
 * Screen pixels within which points merge (discs of a few thousand are ~60 px wide, so neighbours
 * do not overlap), and the zoom from which every ticket stands alone.
 */
export const CLUSTER_RADIUS_PX = 90;
export const CLUSTER_MAX_ZOOM = 16;

/** Numbers per packed point: longitude, latitude, urgency rank. */
const STRIDE = 3;

/** The markers as the index takes them, three numbers each (one buffer a worker can be handed). */
export function packPoints(markers: readonly MapMarker[]): Float64Array {
  const packed = new Float64Array(markers.length * STRIDE);
  markers.forEach((m, i) => {
    packed[i * STRIDE] = m.lon;
    packed[i * STRIDE + 1] = m.lat;
    packed[i * STRIDE + 2] = RANK[m.sla];
  });
  return packed;
}

/** Builds the index over packed points; at 50,000 this takes about 0.1–0.2 s, so callers batch it. */
export function buildClusterTree(
  packed: Float64Array,
  options: { radiusPx?: number; maxZoom?: number } = {},
): ClusterTree {
  const tree: ClusterTree = new Supercluster<PointProps, ClusterSums>({
    radius: options.radiusPx ?? CLUSTER_RADIUS_PX,
    // Leaflet's tiles are 256 px (Supercluster assumes 512), so the radius is in screen pixels.
    extent: 256,
    maxZoom: options.maxZoom ?? CLUSTER_MAX_ZOOM,
    map: (props) => {
      const rank = packed[props.i * STRIDE + 2] ?? 0;
      return { worst: rank, breached: rank === 2 ? 1 : 0, warning: rank === 1 ? 1 : 0 };
    },
    reduce: (sums, more) => {
      sums.worst = Math.max(sums.worst, more.worst);
      sums.breached += more.breached;
      sums.warning += more.warning;
    },
  });
  const features = new Array<Supercluster.PointFeature<PointProps>>(packed.length / STRIDE);
  for (let i = 0; i < features.length; i++)
    features[i] = {
      type: 'Feature',
      properties: { i },
      geometry: { type: 'Point', coordinates: [packed[i * STRIDE]!, packed[i * STRIDE + 1]!] },
    };
  tree.load(features);
  return tree;
}

/** The clusters and lone points of `tree` inside `bbox` at `zoom`. */
export function findInTree(tree: ClusterTree, bbox: BBox, zoom: number): Found {
  const found: Found = { clusters: [], points: [] };
  for (const feature of tree.getClusters(bbox, Math.floor(zoom))) {
    const [lon = 0, lat = 0] = feature.geometry.coordinates;
    const props = feature.properties;
    if ('cluster' in props && props.cluster)
      found.clusters.push({
        clusterId: props.cluster_id,
        lat,
        lon,
        count: props.point_count,
        worst: props.worst,
        breached: props.breached,
        warning: props.warning,
      });
    else if ('i' in props) found.points.push(props.i);
  }
  return found;
}

/** What `found` shows, with the markers it was built from; clusters first, then the worst on top. */
export function itemsOf(found: Found, markers: readonly MapMarker[]): MapItem[] {
  const items: MapItem[] = found.clusters.map(({ worst, ...cluster }) => ({
    kind: 'cluster',
    ...cluster,
    sla: BY_RANK[worst] ?? 'on_time',
  }));
  for (const i of found.points) {
    const marker = markers[i];
    if (marker) items.push({ kind: 'point', marker });
  }
  const weight = (item: MapItem) =>
    item.kind === 'cluster' ? 3 + RANK[item.sla] : RANK[item.marker.sla] === 2 ? 1 : 0;
  return items.sort((a, b) => weight(a) - weight(b));
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
