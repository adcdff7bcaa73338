import { CITY, rotationAt, type Rotation, type RotationState } from './rotation.ts';

/** The idle state: the whole city, nothing coming. */
const STILL: RotationState = { index: 0, scope: CITY, next: null, viewStartedAtMs: 0, nextAtMs: null };

/**
 * Runs a rotation on a timer: `state` moves to the next view when its time comes. The schedule is
 * the pure rotationAt, so a late timer (a busy or sleeping screen) lands on the right view.
 */
export class RotationClock {
  state = $state.raw<RotationState>(STILL);

  /** Starts `rotation` now; returns the stop. `now` is injectable for tests. */
  start(rotation: Rotation, now: () => number = Date.now): () => void {
    const startedAtMs = now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      this.state = rotationAt(rotation, startedAtMs, now());
      const next = this.state.nextAtMs;
      if (next !== null) timer = setTimeout(tick, Math.max(0, next - now()));
    };
    tick();
    return () => clearTimeout(timer);
  }
}
