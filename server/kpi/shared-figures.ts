import type { Clock } from '../clock.ts';

/**
 * Figures over the whole backlog (the wall's KPIs, the agency board), computed once and shared: by
 * the push after a change and by every wall that loads. At a city's scale one computation counts
 * tens of thousands of tickets, so a thousand walls must not each run it. A snapshot serves until a
 * ticket changes or `maxAgeMs` passes on the
 * server's clock (overdue counts move with time alone); callers that arrive while one is computed
 * share it, and a change during a computation makes the next caller wait for a fresh one. A snapshot
 * only somewhat old (under five times `maxAgeMs`, no change since) is served at once while a fresh
 * one is computed behind it: time alone moves the figures slowly, and a wall should not wait.
 */
export class SharedFigures<T> {
  private readonly compute: () => Promise<T>;
  private readonly clock: Clock;
  private readonly maxAgeMs: number;
  /** Bumped by every change; a snapshot is current only for the generation it started in. */
  private generation = 0;
  private latest: { figures: T; generation: number; at: number } | null = null;
  private flight: { promise: Promise<T>; generation: number } | null = null;
  /** How long the last computation took, so pushes can be paced by it. */
  lastComputeMs = 0;

  constructor(compute: () => Promise<T>, clock: Clock, maxAgeMs = 15_000) {
    this.compute = compute;
    this.clock = clock;
    this.maxAgeMs = maxAgeMs;
  }

  /** Notes that tickets changed: the next caller gets figures computed after this. */
  invalidate(): void {
    this.generation++;
  }

  /** Current figures: the stored snapshot if still good, else the one being computed, else a new one. */
  current(): Promise<T> {
    const latest = this.latest;
    const ageMs = latest ? this.clock().getTime() - latest.at : Infinity;
    if (latest && latest.generation === this.generation && ageMs >= 0) {
      if (ageMs < this.maxAgeMs) return Promise.resolve(latest.figures);
      if (ageMs < 5 * this.maxAgeMs) {
        this.refresh().catch(() => undefined);
        return Promise.resolve(latest.figures);
      }
    }
    return this.refresh();
  }

  /** The computation for the current generation: the one under way, or a new one. */
  private refresh(): Promise<T> {
    if (this.flight && this.flight.generation === this.generation) return this.flight.promise;
    // A computation that started before the latest change may miss it: start another after it.
    const waitFor = this.flight?.promise.catch(() => undefined) ?? Promise.resolve();
    const generation = this.generation;
    const promise = waitFor.then(() => this.run(generation));
    const flight = { promise, generation };
    this.flight = flight;
    void promise
      .catch(() => undefined)
      .finally(() => {
        if (this.flight === flight) this.flight = null;
      });
    return promise;
  }

  private async run(generation: number): Promise<T> {
    const at = this.clock().getTime();
    const started = performance.now();
    const figures = await this.compute();
    this.lastComputeMs = performance.now() - started;
    if (!this.latest || this.latest.generation <= generation) this.latest = { figures, generation, at };
    return figures;
  }
}
