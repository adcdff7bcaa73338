/** How a KPI tile is coloured: on target, close to it, or off it; `none` when there is no figure yet. */
export type KpiLevel = 'good' | 'warn' | 'bad' | 'none';

/** How far under target (as a fraction, 0.10 = ten points) still counts as "close" (amber). */
export const AMBER_BAND = 0.1;

/** Level of the first-contact rate against its target: green at or above, amber within the band, else red. */
export function firstContactLevel(rate: number | null, target: number): KpiLevel {
  if (rate === null) return 'none';
  if (rate >= target) return 'good';
  return rate >= target - AMBER_BAND ? 'warn' : 'bad';
}

/** Level of the overdue count: any overdue appeal is a problem the room should see. */
export function overdueLevel(overdue: number | null, open: number | null): KpiLevel {
  if (overdue === null || open === null) return 'none';
  if (overdue === 0) return 'good';
  return overdue / Math.max(open, 1) < 0.05 ? 'warn' : 'bad';
}

/** A 0..1 share as a whole percentage (0.847 → 85). */
export const percent = (share: number): number => Math.round(share * 100);
