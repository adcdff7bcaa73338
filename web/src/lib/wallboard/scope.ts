import type { WallScope } from './rotation.ts';

/** Anything a wall places by where it is and who works it: a ticket, an alert. */
export interface Placed {
  districtId: string | null;
  agencyId: string | null;
}

/** Whether the wall's current view shows this ticket or alert. */
export function inScope(scope: WallScope, item: Placed): boolean {
  switch (scope.kind) {
    case 'city':
      return true;
    case 'district':
      return item.districtId === scope.id;
    case 'agency':
      return item.agencyId === scope.id;
  }
}

/** Only what the view shows; the same array for the city, so nothing is copied. */
export function filterScope<T extends Placed>(scope: WallScope, items: readonly T[]): readonly T[] {
  return scope.kind === 'city' ? items : items.filter((item) => inScope(scope, item));
}
