/** A chart on a canvas, which holds resources until destroyed (Chart.js keeps a registry of them). */
export interface Destroyable {
  destroy(): void;
}

/**
 * One canvas's chart: drawing new figures destroys the chart before making the next, so a canvas
 * never holds two charts however often the period or breakdown changes, and `clear` lets the last
 * one go when the component does.
 */
export class ChartSlot<C, T extends Destroyable> {
  #create: (config: C) => T;
  #chart: T | null = null;

  constructor(create: (config: C) => T) {
    this.#create = create;
  }

  /** Replaces whatever is drawn with a chart of `config`. */
  draw(config: C): T {
    this.clear();
    this.#chart = this.#create(config);
    return this.#chart;
  }

  /** Destroys the chart, if any. */
  clear(): void {
    this.#chart?.destroy();
    this.#chart = null;
  }

  /** The chart drawn now, if any. */
  get chart(): T | null {
    return this.#chart;
  }
}
