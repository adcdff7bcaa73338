/** How a KPI tile is coloured: on target, close to it, or off it; `none` when there is no figure yet. */
export type KpiLevel = 'good' | 'warn' | 'bad' | 'none';

/**
 * Level of a share against its target: green at or above, amber within `margin` under it (the
 * server's KPI_AMBER_MARGIN), red below that.
 */
export function rateLevel(rate: number | null, target: number, margin: number): KpiLevel {
  if (rate === null) return 'none';
  if (rate >= target) return 'good';
  return rate >= target - margin ? 'warn' : 'bad';
}

/** Level of the overdue count: any overdue appeal is a problem the room should see. */
export function overdueLevel(overdue: number | null, open: number | null): KpiLevel {
  if (overdue === null || open === null) return 'none';
  if (overdue === 0) return 'good';
  return overdue / Math.max(open, 1) < 0.05 ? 'warn' : 'bad';
}

/** A 0..1 share as a whole percentage (0.847 → 85). */
export const percent = (share: number): number => Math.round(share * 100);
