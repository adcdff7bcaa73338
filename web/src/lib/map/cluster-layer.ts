import type * as Leaflet from 'leaflet';
import { clusterDiameterPx, clusterFontPx, type MapItem } from './clusters.ts';
import type { Disc } from './label-placement.ts';
import { planMarkers, SLA_COLORS, type MapMarker } from './marker-style.ts';

type Cluster = Extract<MapItem, { kind: 'cluster' }>;

/** How the layer draws and what a console's clicks do. */
export interface ClusterLayerOptions {
  /** False on the wall: nothing reacts to the pointer or takes focus. */
  interactive: boolean;
  /** A cluster's count as the screen's language writes numbers. */
  formatCount: (count: number) => string;
  /** A cluster's accessible name in a console ("120 appeals, most urgent: overdue"). */
  describeCluster: (cluster: Cluster) => string;
  onCluster: (cluster: Cluster) => void;
  onTicket: (ticketId: number) => void;
}

/** What the map draws: counted discs for clusters (a few DOM nodes) and canvas dots for lone tickets. */
export interface ClusterLayer {
  /** Shows exactly `items`, reusing what is drawn: discs are moved and relabelled, dots diffed by id. */
  draw(items: readonly MapItem[], scale: number): void;
  /** How many discs and dots the last draw left on the map. */
  readonly counts: { clusters: number; singles: number };
  /** Where the discs of the last draw are, in the map container's pixels (names move off them). */
  discsOnScreen(): Disc[];
  remove(): void;
}

interface DrawnDisc {
  marker: Leaflet.Marker;
  element: HTMLDivElement;
  cluster: Cluster;
}

/**
 * The clusters layer. Discs are pooled: a redraw moves and relabels the ones it has (style and text
 * writes only, no layout reads), adding or removing just the difference, so a stream of changes never
 * rebuilds the DOM. Lone tickets are CircleMarkers on one shared canvas, added and removed by id.
 */
export function createClusterLayer(
  L: typeof Leaflet,
  map: Leaflet.Map,
  options: ClusterLayerOptions,
): ClusterLayer {
  const renderer = L.canvas({ padding: 0.3 });
  const dotGroup = L.layerGroup().addTo(map);
  const discGroup = L.layerGroup().addTo(map);
  const dots = new Map<number, Leaflet.CircleMarker>();
  const drawnDots = new Map<number, MapMarker>();
  const discs: DrawnDisc[] = [];
  let drawnScale = 1;
  const counts = { clusters: 0, singles: 0 };

  function newDisc(cluster: Cluster): DrawnDisc {
    const element = document.createElement('div');
    element.className = 'map-cluster';
    element.dataset['testid'] = 'map-cluster';
    const icon = L.divIcon({ className: 'map-cluster-icon', html: element, iconSize: [0, 0] });
    const marker = L.marker([cluster.lat, cluster.lon], {
      icon,
      interactive: options.interactive,
      keyboard: options.interactive,
    });
    const disc: DrawnDisc = { marker, element, cluster };
    if (options.interactive) marker.on('click', () => options.onCluster(disc.cluster));
    marker.addTo(discGroup);
    return disc;
  }

  function updateDisc(disc: DrawnDisc, cluster: Cluster, scale: number): void {
    const previous = disc.cluster;
    disc.cluster = cluster;
    if (previous.lat !== cluster.lat || previous.lon !== cluster.lon)
      disc.marker.setLatLng([cluster.lat, cluster.lon]);
    const { element } = disc;
    const label = options.formatCount(cluster.count);
    if (element.textContent !== label) element.textContent = label;
    element.dataset['count'] = String(cluster.count);
    if (element.dataset['sla'] !== cluster.sla) {
      element.dataset['sla'] = cluster.sla;
      element.style.background = SLA_COLORS[cluster.sla];
    }
    const size = `${clusterDiameterPx(cluster.count, scale)}px`;
    if (element.style.minWidth !== size) {
      element.style.minWidth = size;
      element.style.height = size;
      element.style.fontSize = `${clusterFontPx(cluster.count, scale)}px`;
    }
    if (options.interactive) {
      // The marker's own element is the one Leaflet makes focusable (Enter clicks it).
      const target = disc.marker.getElement() ?? element;
      const name = options.describeCluster(cluster);
      target.setAttribute('aria-label', name);
      target.title = name;
    }
  }

  function drawDots(next: readonly MapMarker[]): void {
    const plan = planMarkers(drawnDots, next);
    for (const m of plan.add) {
      const dot = L.circleMarker([m.lat, m.lon], {
        ...m.style,
        renderer,
        interactive: options.interactive,
        bubblingMouseEvents: false,
      });
      if (options.interactive) {
        dot.bindTooltip(m.label);
        dot.on('click', () => options.onTicket(m.id));
      }
      dots.set(m.id, dot.addTo(dotGroup));
    }
    for (const m of plan.restyle) {
      const dot = dots.get(m.id);
      dot?.setStyle(m.style).setRadius(m.style.radius);
      // A dot that grew (it became overdue) is painted over its neighbours.
      if (m.style.radius > (drawnDots.get(m.id)?.style.radius ?? 0)) dot?.bringToFront();
    }
    for (const m of plan.move) dots.get(m.id)?.setLatLng([m.lat, m.lon]);
    for (const id of plan.remove) {
      // Out of the group, not just off the map: a group keeps every layer it was given until then.
      const dot = dots.get(id);
      if (dot) dotGroup.removeLayer(dot);
      dots.delete(id);
      drawnDots.delete(id);
    }
    for (const m of [...plan.add, ...plan.restyle, ...plan.move]) drawnDots.set(m.id, m);
  }

  return {
    counts,
    discsOnScreen() {
      return discs.map(({ cluster }) => {
        const { x, y } = map.latLngToContainerPoint([cluster.lat, cluster.lon]);
        return { x, y, r: clusterDiameterPx(cluster.count, drawnScale) / 2 };
      });
    },
    draw(items, scale) {
      drawnScale = scale;
      const clusters: Cluster[] = [];
      const singles: MapMarker[] = [];
      for (const item of items) {
        if (item.kind === 'cluster') clusters.push(item);
        else singles.push(item.marker);
      }
      for (const [i, cluster] of clusters.entries()) {
        const disc = (discs[i] ??= newDisc(cluster));
        updateDisc(disc, cluster, scale);
      }
      for (const disc of discs.splice(clusters.length)) discGroup.removeLayer(disc.marker);
      drawDots(singles);
      counts.clusters = clusters.length;
      counts.singles = singles.length;
    },
    remove() {
      dotGroup.remove();
      discGroup.remove();
      discs.length = 0;
      dots.clear();
      drawnDots.clear();
    },
  };
}
