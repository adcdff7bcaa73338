import type * as Leaflet from 'leaflet';
import { batchedTask } from './batched-task.ts';
import { createClusterLayer, type ClusterLayer, type ClusterLayerOptions } from './cluster-layer.ts';
import {
  buildClusterIndex,
  CLUSTER_MAX_ZOOM,
  clustersIn,
  expansionZoom,
  type ClusterIndex,
  type MapItem,
} from './clusters.ts';
import { createHeatLayer, type HeatLayer } from './heat-layer.ts';
import type { MapMarker } from './marker-style.ts';

/** What the view draws, read when it rebuilds: the markers, and whether they are all there yet. */
export interface MarkerSnapshot {
  markers: readonly MapMarker[];
  /** False while a live feed is still fetching pages. */
  complete: boolean;
}

/** How the view draws and reports. */
export interface MapViewOptions extends Pick<ClusterLayerOptions, 'formatCount' | 'describeCluster'> {
  interactive: boolean;
  /** One CircleMarker per ticket, no clusters: the old drawing, kept for the benchmark's baseline. */
  plain: boolean;
  /** Disc and dot size against the 1080p design (a 4K wall draws them twice as large). */
  scale: () => number;
  onTicket: (ticketId: number) => void;
  /** Gets data-points/-clusters/-singles/-drawn/-complete, so tests and benchmarks can watch it. */
  element: HTMLElement;
}

/** Rebuilds at most every 250 ms, and never spends more than a fifth of the main thread on it. */
const REINDEX = { minIntervalMs: 250, maxShare: 0.2 };
/** How long a ticket that just arrived or changed pulses on top of the clusters. */
const FRESH_MS = 8000;

/** Performance marks the wall's benchmark reads (time since navigation). */
export const MAP_DRAWN_MARK = 'komek:map-drawn';
export const MAP_COMPLETE_MARK = 'komek:map-complete';

/**
 * The map's drawing: a batched rebuild of the cluster index from `snapshot()`, then clusters for the
 * view (on every rebuild and when the view moves), or the heat layer instead. Leaflet stays in the
 * component; everything between the data and the layers is here.
 */
export class MapView {
  #L: typeof Leaflet;
  #map: Leaflet.Map;
  #snapshot: () => MarkerSnapshot;
  #options: MapViewOptions;
  #clusters: ClusterLayer;
  #heat: HeatLayer | null = null;
  #heatOn = false;
  #markers: readonly MapMarker[] = [];
  #complete = false;
  #index: ClusterIndex | null = null;
  /** The deepest zoom the index was built for (see #reindex). */
  #indexMaxZoom = CLUSTER_MAX_ZOOM;
  #drawn = false;
  #announcedComplete = false;
  /** Ids in the index, so a fresh ticket not yet in it is counted at once. */
  #ids = new Set<number>();
  /** Tickets that just arrived or changed: drawn at once, before the batched rebuild takes them in. */
  #fresh = new Map<number, { layer: Leaflet.CircleMarker; at: number }>();
  #freshGroup: Leaflet.LayerGroup;
  #freshSweep: ReturnType<typeof setTimeout> | null = null;
  #rebuild = batchedTask(() => this.#reindex(), REINDEX);
  #onMove = () => this.#draw();

  constructor(L: typeof Leaflet, map: Leaflet.Map, snapshot: () => MarkerSnapshot, options: MapViewOptions) {
    this.#L = L;
    this.#map = map;
    this.#snapshot = snapshot;
    this.#options = options;
    this.#clusters = createClusterLayer(L, map, {
      ...options,
      onCluster: (cluster) => this.#zoomInto(cluster),
      onTicket: options.onTicket,
    });
    this.#freshGroup = L.layerGroup().addTo(map);
    map.on('moveend', this.#onMove);
    this.refresh();
  }

  /**
   * A ticket arrived or changed: it shows at once as a pulsing dot (and in the count) while the
   * rebuild that folds it into the clusters waits its turn; the pulse fades after a few seconds.
   */
  touch(marker: MapMarker): void {
    const previous = this.#fresh.get(marker.id);
    // Out of the group, not just off the map: a group keeps every layer it was given until then.
    if (previous) this.#freshGroup.removeLayer(previous.layer);
    const layer = this.#L
      .circleMarker([marker.lat, marker.lon], {
        ...marker.style,
        radius: marker.style.radius + 3 * this.#options.scale(),
        className: 'map-fresh',
        interactive: false,
      })
      .addTo(this.#freshGroup);
    this.#fresh.set(marker.id, { layer, at: performance.now() });
    this.#freshSweep ??= setTimeout(() => this.#sweepFresh(), FRESH_MS);
    this.#announce();
  }

  #sweepFresh(): void {
    this.#freshSweep = null;
    const cutoff = performance.now() - FRESH_MS;
    for (const [id, fresh] of this.#fresh)
      if (fresh.at <= cutoff) {
        this.#freshGroup.removeLayer(fresh.layer);
        this.#fresh.delete(id);
      }
    if (this.#fresh.size) this.#freshSweep = setTimeout(() => this.#sweepFresh(), FRESH_MS / 4);
    this.#announce();
  }

  /** The data changed: rebuild soon (requests in between are one rebuild). */
  refresh(): void {
    this.#rebuild.request();
  }

  /** Shows the heat map instead of clusters, or back. */
  setHeat(on: boolean): void {
    if (on === this.#heatOn) return;
    this.#heatOn = on;
    if (on) (this.#heat ??= createHeatLayer(this.#L)).addTo(this.#map);
    else this.#heat?.remove();
    this.#draw();
  }

  destroy(): void {
    this.#rebuild.cancel();
    if (this.#freshSweep) clearTimeout(this.#freshSweep);
    this.#freshGroup.remove();
    this.#map.off('moveend', this.#onMove);
    this.#clusters.remove();
    this.#heat?.remove();
  }

  #reindex(): void {
    const { markers, complete } = this.#snapshot();
    this.#markers = markers;
    this.#complete = complete;
    this.#ids = new Set(markers.map((m) => m.id));
    // Supercluster's cost is mostly the deep zoom levels, where nearly every ticket stands alone:
    // build only down to the view's zoom (two more in a console, which may zoom in; deeper on demand).
    const zoom = Math.floor(this.#map.getZoom()) + (this.#options.interactive ? 2 : 0);
    this.#indexMaxZoom = Math.min(CLUSTER_MAX_ZOOM, zoom);
    this.#index = this.#options.plain ? null : buildClusterIndex(markers, { maxZoom: this.#indexMaxZoom });
    this.#draw();
  }

  #draw(): void {
    const scale = this.#options.scale();
    if (this.#heatOn) {
      this.#heat?.setPoints(this.#markers);
      this.#clusters.draw([], scale);
    } else this.#clusters.draw(this.#items(), scale);
    this.#announce();
  }

  #items(): MapItem[] {
    if (!this.#index) return this.#markers.map((marker) => ({ kind: 'point', marker }));
    const bounds = this.#map.getBounds().pad(0.1);
    const zoom = Math.floor(this.#map.getZoom());
    // Zoomed in past the index: show its deepest clusters until the rebuild for this zoom is drawn.
    if (zoom > this.#indexMaxZoom && this.#indexMaxZoom < CLUSTER_MAX_ZOOM) this.refresh();
    return clustersIn(
      this.#index,
      [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
      this.#indexMaxZoom < CLUSTER_MAX_ZOOM ? Math.min(zoom, this.#indexMaxZoom) : zoom,
    );
  }

  #zoomInto(cluster: Extract<MapItem, { kind: 'cluster' }>): void {
    if (!this.#index) return;
    const zoom = Math.min(expansionZoom(this.#index, cluster.clusterId), this.#map.getMaxZoom());
    this.#map.setView([cluster.lat, cluster.lon], zoom);
  }

  /** Data attributes and performance marks for whoever watches: tests, the benchmark. */
  #announce(): void {
    const data = this.#options.element.dataset;
    let arriving = 0;
    for (const id of this.#fresh.keys()) if (!this.#ids.has(id)) arriving++;
    data['points'] = String(this.#markers.length + arriving);
    data['clustered'] = String(this.#markers.length);
    data['clusters'] = String(this.#clusters.counts.clusters);
    data['singles'] = String(this.#clusters.counts.singles);
    data['view'] = this.#heatOn ? 'heat' : this.#options.plain ? 'plain' : 'clusters';
    if (!this.#drawn && (this.#markers.length > 0 || this.#complete)) {
      this.#drawn = true;
      data['drawn'] = 'true';
      performance.mark(MAP_DRAWN_MARK);
    }
    if (this.#complete && !this.#announcedComplete) {
      this.#announcedComplete = true;
      data['complete'] = 'true';
      performance.mark(MAP_COMPLETE_MARK);
    }
  }
}
