import { slaLevel, type OpenRecord } from '../map/map-point.ts';
import type { WallScope } from './rotation.ts';
import { inScope } from './scope.ts';

/** A view's own backlog: its open tickets and how many of them are past their resolution deadline. */
export interface ScopeCounts {
  open: number;
  overdue: number;
}

/**
 * Counts a district's or an agency's open and overdue tickets from the wall's open-ticket feed.
 * Overdue is the map's "breached" level, the same rule as the server's KPI, so tile and map agree.
 */
export function countScope(records: Iterable<OpenRecord>, scope: WallScope, nowMs: number): ScopeCounts {
  const counts = { open: 0, overdue: 0 };
  for (const record of records) {
    if (!inScope(scope, record)) continue;
    counts.open++;
    if (slaLevel(record, nowMs) === 'breached') counts.overdue++;
  }
  return counts;
}
