import {
  clusterResponder,
  type ClusterAnswer,
  type ClusterQuestion,
  type ClusterRequest,
} from './cluster-requests.ts';
import { itemsOf, packPoints, type BBox, type MapItem } from './clusters.ts';
import type { MapMarker } from './marker-style.ts';

/**
 * The map's clusterer in a Web Worker: the index is built and searched off the page's thread, and
 * only the clusters in view come back. Where workers are missing (unit tests) it runs in the page.
 */
export class ClusterWorker {
  #worker: Worker | null = null;
  #local = clusterResponder();
  #nextId = 0;
  #pending = new Map<number, (answer: ClusterAnswer) => void>();
  /** The markers of the last load sent: what every find sent after it refers to. */
  #markers: readonly MapMarker[] = [];

  constructor() {
    if (typeof Worker === 'undefined') return;
    this.#worker = new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (event: MessageEvent<ClusterAnswer>) => this.#settle(event.data);
    // A worker that cannot start or dies: carry on in the page. What it held is gone, so what was
    // pending fails and the map loads again.
    this.#worker.onerror = () => {
      this.#worker?.terminate();
      this.#worker = null;
      this.#failPending('the worker stopped');
    };
  }

  /** Replaces the index with one over `markers`, down to `maxZoom`. */
  async load(markers: readonly MapMarker[], maxZoom: number): Promise<void> {
    this.#markers = markers;
    const points = packPoints(markers);
    await this.#ask({ kind: 'load', points, maxZoom }, [points.buffer]);
  }

  /** The clusters and lone tickets inside `bbox` at `zoom` (see itemsOf for the order). */
  async find(bbox: BBox, zoom: number): Promise<MapItem[]> {
    const markers = this.#markers;
    const answer = await this.#ask({ kind: 'find', bbox, zoom });
    return answer.kind === 'found' ? itemsOf(answer.found, markers) : [];
  }

  /** The zoom at which a cluster falls apart. */
  async expansionZoom(clusterId: number): Promise<number> {
    const answer = await this.#ask({ kind: 'expand', clusterId });
    if (answer.kind !== 'expanded') throw new Error(`cannot expand cluster ${clusterId}`);
    return answer.zoom;
  }

  /** Stops the worker; what was still asked fails. */
  destroy(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#failPending('the map was closed');
  }

  #ask(question: ClusterQuestion, transfer: Transferable[] = []): Promise<ClusterAnswer> {
    const message: ClusterRequest = { ...question, id: this.#nextId++ };
    return new Promise((resolve, reject) => {
      const answer = (a: ClusterAnswer) =>
        a.kind === 'failed' ? reject(new Error(`clustering failed: ${a.message}`)) : resolve(a);
      if (!this.#worker) return answer(this.#local(message));
      this.#pending.set(message.id, answer);
      this.#worker.postMessage(message, transfer);
    });
  }

  #failPending(message: string): void {
    for (const [id, settle] of this.#pending) settle({ id, kind: 'failed', message });
    this.#pending.clear();
  }

  #settle(answer: ClusterAnswer): void {
    const resolve = this.#pending.get(answer.id);
    this.#pending.delete(answer.id);
    resolve?.(answer);
  }
}
