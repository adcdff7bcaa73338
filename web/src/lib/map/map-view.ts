import type * as Leaflet from 'leaflet';
import { batchedTask } from './batched-task.ts';
import { createClusterLayer, type ClusterLayer, type ClusterLayerOptions } from './cluster-layer.ts';
import type { ClusterWorker } from './cluster-worker.ts';
import { CLUSTER_MAX_ZOOM, type MapItem } from './clusters.ts';
import { createHeatLayer, type HeatLayer } from './heat-layer.ts';
import type { Disc } from './label-placement.ts';
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
  /**
   * The clusterer, started by the caller before Leaflet has loaded (its worker then boots meanwhile);
   * the view stops it when destroyed. Null: one CircleMarker per ticket, no clusters (the old drawing,
   * kept for the benchmark's baseline).
   */
  clusterer: ClusterWorker | null;
  /** Disc and dot size against the 1080p design (a 4K wall draws them twice as large). */
  scale: () => number;
  onTicket: (ticketId: number) => void;
  /** After every drawing, with where the cluster discs now are (none on the heat map). */
  onDrawn?: (discs: Disc[]) => void;
  /** Gets data-points/-clusters/-singles/-drawn/-complete, so tests and benchmarks can watch it. */
  element: HTMLElement;
}

/** Rebuilds at most every 250 ms, and never keeps the clusterer busy more than a fifth of the time. */
const REINDEX = { minIntervalMs: 250, maxShare: 0.2 };
/** How long a ticket that just arrived or changed pulses on top of the clusters. */
const FRESH_MS = 8000;

/** Performance marks the wall's benchmark reads (time since navigation). */
export const MAP_DRAWN_MARK = 'komek:map-drawn';
export const MAP_COMPLETE_MARK = 'komek:map-complete';

/**
 * The map's drawing: a batched rebuild of the cluster index from `snapshot()` (in a worker), then
 * clusters for the view (on every rebuild and when the view moves), or the heat layer instead.
 * Leaflet stays in the component; everything between the data and the layers is here.
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
  /** Null for plain markers. */
  #clusterer: ClusterWorker | null;
  /** Whether the clusterer holds an index of #markers. */
  #indexed = false;
  /** The deepest zoom the index was built for (see #reindex). */
  #indexMaxZoom = CLUSTER_MAX_ZOOM;
  /** Bumped by every draw: a draw whose clusters arrive after a newer one began is dropped. */
  #drawing = 0;
  #destroyed = false;
  #drawn = false;
  #announcedComplete = false;
  /** Ids in the index, so a fresh ticket not yet in it is counted at once. */
  #ids = new Set<number>();
  /** Tickets that just arrived or changed: drawn at once, before the batched rebuild takes them in. */
  #fresh = new Map<number, { layer: Leaflet.CircleMarker; at: number }>();
  #freshGroup: Leaflet.LayerGroup;
  #freshSweep: ReturnType<typeof setTimeout> | null = null;
  #rebuild = batchedTask(() => this.#reindex(), REINDEX);
  #onMove = () => void this.#draw();

  constructor(L: typeof Leaflet, map: Leaflet.Map, snapshot: () => MarkerSnapshot, options: MapViewOptions) {
    this.#L = L;
    this.#map = map;
    this.#snapshot = snapshot;
    this.#options = options;
    this.#clusterer = options.clusterer;
    this.#clusters = createClusterLayer(L, map, {
      ...options,
      onCluster: (cluster) => void this.#zoomInto(cluster),
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
    void this.#draw();
  }

  destroy(): void {
    this.#destroyed = true;
    this.#rebuild.cancel();
    this.#clusterer?.destroy();
    if (this.#freshSweep) clearTimeout(this.#freshSweep);
    this.#freshGroup.remove();
    this.#map.off('moveend', this.#onMove);
    this.#clusters.remove();
    this.#heat?.remove();
  }

  async #reindex(): Promise<void> {
    const { markers, complete } = this.#snapshot();
    // Nothing to show yet: do not count the worker's start against the first real build's turn.
    if (markers.length === 0 && !complete && !this.#indexed) return;
    // Supercluster's cost is mostly the deep zoom levels, where nearly every ticket stands alone:
    // build only down to the view's zoom (two more in a console, which may zoom in; deeper on demand).
    const zoom = Math.floor(this.#map.getZoom()) + (this.#options.interactive ? 2 : 0);
    const maxZoom = Math.min(CLUSTER_MAX_ZOOM, zoom);
    if (this.#clusterer) {
      try {
        await this.#clusterer.load(markers, maxZoom);
      } catch {
        // The worker stopped: the clusterer carries on in the page; build there.
        if (!this.#destroyed) this.refresh();
        return;
      }
      if (this.#destroyed) return;
      this.#indexed = true;
    }
    this.#markers = markers;
    this.#complete = complete;
    this.#ids = new Set(markers.map((m) => m.id));
    this.#indexMaxZoom = maxZoom;
    await this.#draw();
  }

  async #draw(): Promise<void> {
    const drawing = ++this.#drawing;
    const scale = this.#options.scale();
    let items: MapItem[] = [];
    if (!this.#heatOn) {
      try {
        items = await this.#items();
      } catch {
        return;
      }
      if (drawing !== this.#drawing || this.#destroyed) return;
    } else this.#heat?.setPoints(this.#markers);
    this.#clusters.draw(items, scale);
    this.#options.onDrawn?.(this.#clusters.discsOnScreen());
    this.#announce();
  }

  async #items(): Promise<MapItem[]> {
    if (!this.#clusterer) return this.#markers.map((marker) => ({ kind: 'point', marker }));
    if (!this.#indexed) return [];
    const bounds = this.#map.getBounds().pad(0.1);
    const zoom = Math.floor(this.#map.getZoom());
    // Zoomed in past the index: show its deepest clusters until the rebuild for this zoom is drawn.
    if (zoom > this.#indexMaxZoom && this.#indexMaxZoom < CLUSTER_MAX_ZOOM) this.refresh();
    return this.#clusterer.find(
      [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()],
      this.#indexMaxZoom < CLUSTER_MAX_ZOOM ? Math.min(zoom, this.#indexMaxZoom) : zoom,
    );
  }

  async #zoomInto(cluster: Extract<MapItem, { kind: 'cluster' }>): Promise<void> {
    if (!this.#clusterer) return;
    const expansion = await this.#clusterer.expansionZoom(cluster.clusterId).catch(() => null);
    if (expansion === null || this.#destroyed) return;
    this.#map.setView([cluster.lat, cluster.lon], Math.min(expansion, this.#map.getMaxZoom()));
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
    data['view'] = this.#heatOn ? 'heat' : this.#clusterer ? 'clusters' : 'plain';
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
