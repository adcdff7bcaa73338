/**
 * The latest encoded snapshot of each wall view, keyed by the event-log position it was read at.
 * Every ticket change appends to the log under one lock, so while the position stands still the
 * open tickets have not changed, and every wall (and every console map) loading meanwhile is sent
 * the same bytes. Walls coming back together after a restart share one read instead of each
 * reading and encoding the whole city's tickets. Concurrent requests for a position share its build.
 */
export class SnapshotCache {
  readonly #views = new Map<string, { seq: number; body: Promise<Buffer> }>();
  readonly #maxViews: number;

  /** `maxViews`: views remembered (the city, each district, each agency); the least recent goes. */
  constructor(maxViews = 64) {
    this.#maxViews = maxViews;
  }

  /** The body of `view` at log position `seq`: the remembered one, or `build()`'s. */
  get(view: string, seq: number, build: () => Promise<Buffer>): Promise<Buffer> {
    const known = this.#views.get(view);
    this.#views.delete(view);
    if (known && known.seq === seq) {
      this.#views.set(view, known);
      return known.body;
    }
    const body = build();
    this.#views.set(view, { seq, body });
    if (this.#views.size > this.#maxViews) this.#views.delete(this.#views.keys().next().value!);
    // A failed read is not remembered: the next request tries again.
    body.catch(() => {
      if (this.#views.get(view)?.body === body) this.#views.delete(view);
    });
    return body;
  }
}
