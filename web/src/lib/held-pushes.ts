/** One fetch of a live list, as `HeldPushes.begin()` hands it out. */
export interface ListFetch {
  /** A newer fetch began (or the list was reset) since this one did: its answer must not be used. */
  readonly superseded: boolean;
}

/**
 * Realtime pushes to a live list that arrive while the list is being fetched. The fetch was read
 * before they happened, so they are held and applied on top of its rows once it lands; applied at
 * once, the fetched rows would roll them back. Fetches are numbered so that a newer one supersedes
 * one still in flight: only the latest lands, and the held pushes wait for it.
 */
export class HeldPushes<T> {
  #held: T[] | null = null;
  #generation = 0;

  /** A fetch starts: pushes are held from now until it (or a newer one) lands or fails. */
  begin(): ListFetch {
    const generation = ++this.#generation;
    this.#held ??= [];
    const latest = () => generation === this.#generation;
    return {
      get superseded() {
        return !latest();
      },
    };
  }

  /** Holds `push` if a fetch is in flight and says so; false means apply it now. */
  hold(push: T): boolean {
    if (!this.#held) return false;
    this.#held.push(push);
    return true;
  }

  /** The latest fetch landed: stops holding and hands back the held pushes, oldest first, to apply. */
  release(): readonly T[] {
    const held = this.#held ?? [];
    this.#held = null;
    return held;
  }

  /** The latest fetch failed: stops holding and forgets the held pushes (the list shows the error). */
  drop(): void {
    this.#held = null;
  }

  /** Forgets the held pushes that `matches` (the caller has already applied their effect itself). */
  discard(matches: (push: T) => boolean): void {
    this.#held = this.#held?.filter((push) => !matches(push)) ?? null;
  }

  /** Nobody shows the list any more: the fetch in flight is superseded and the held pushes forgotten. */
  reset(): void {
    this.#generation++;
    this.#held = null;
  }
}
