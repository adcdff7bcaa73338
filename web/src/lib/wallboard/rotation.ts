import type { DisplayRotation } from '#contracts/display.contract.ts';

/** What a wall shows: everything, one district, or one agency's tickets. */
export type WallScope = { kind: 'city' } | { kind: 'district'; id: string } | { kind: 'agency'; id: string };

/** The city as a whole: what a wall shows when nobody chose otherwise. */
export const CITY: WallScope = { kind: 'city' };

/** A wall's views in turn, each shown for `intervalMs`. */
export interface Rotation {
  scopes: readonly WallScope[];
  intervalMs: number;
}

/** Where a rotation stands at one moment. */
export interface RotationState {
  index: number;
  scope: WallScope;
  /** The view that comes next; null when the wall shows one view only. */
  next: WallScope | null;
  /** When the current view came up. */
  viewStartedAtMs: number;
  /** When the next one comes; null when nothing rotates. */
  nextAtMs: number | null;
}

/** A view as the display token names it ('city', 'district:yesil', 'agency:astana-su-arnasy'); anything else is the city. */
export function parseView(view: string): WallScope {
  const [kind, id] = view.split(':', 2);
  if ((kind === 'district' || kind === 'agency') && id) return { kind, id };
  return CITY;
}

/** The view string of a scope: the inverse of parseView, used as a key and a test id. */
export const viewKey = (scope: WallScope): string =>
  scope.kind === 'city' ? 'city' : `${scope.kind}:${scope.id}`;

/** The rotation a display token asks for; the whole city, still, for a wall opened by a person (no token). */
export function rotationOf(view: DisplayRotation | null): Rotation {
  const scopes = view?.rotate.map(parseView) ?? [];
  return {
    scopes: scopes.length > 0 ? scopes : [CITY],
    intervalMs: Math.max(1, view?.intervalSeconds ?? 30) * 1000,
  };
}

/**
 * Where the rotation stands at `nowMs` when it began at `startedAtMs`: whole intervals counted
 * from the start, so a wall that slept or missed a timer comes back on the right view. A clock
 * that went back shows the first view until it catches up.
 */
export function rotationAt(rotation: Rotation, startedAtMs: number, nowMs: number): RotationState {
  const { scopes, intervalMs } = rotation;
  const count = scopes.length;
  if (count <= 1) {
    return { index: 0, scope: scopes[0] ?? CITY, next: null, viewStartedAtMs: startedAtMs, nextAtMs: null };
  }
  const turns = Math.floor(Math.max(0, nowMs - startedAtMs) / intervalMs);
  const index = turns % count;
  const viewStartedAtMs = startedAtMs + turns * intervalMs;
  return {
    index,
    scope: scopes[index] ?? CITY,
    next: scopes[(index + 1) % count] ?? CITY,
    viewStartedAtMs,
    nextAtMs: viewStartedAtMs + intervalMs,
  };
}

/** How much of the current view's time has gone (0..1), for the "next view" indicator; 0 when nothing rotates. */
export function rotationProgress(state: RotationState, nowMs: number): number {
  if (state.nextAtMs === null) return 0;
  const span = state.nextAtMs - state.viewStartedAtMs;
  return Math.min(1, Math.max(0, (nowMs - state.viewStartedAtMs) / span));
}
