import type { Alert } from '#contracts/alert.contract.ts';

/**
 * How far up an escalation has gone: the city's supervisors outrank a district akimat, which outranks
 * an agency's head, which outranks the agency itself. Typed over the contract's targets, so a new
 * target does not compile until it has a place here.
 */
export const TARGET_RANK: Readonly<Record<Alert['target'], number>> = {
  agency: 0,
  agency_head: 1,
  district_akimat: 2,
  city_supervisors: 3,
};

/** Whether an alert still asks for attention (open or acknowledged); resolved ones leave the screens. */
export const isLive = (alert: Pick<Alert, 'status'>): boolean => alert.status !== 'resolved';

const STATUS_RANK: Readonly<Record<Alert['status'], number>> = { open: 0, acknowledged: 1, resolved: 2 };

/**
 * Order of what needs attention first: open before acknowledged, then the higher target (and level),
 * then the oldest; the id keeps the order stable.
 */
export function compareAlerts(a: Alert, b: Alert): number {
  return (
    STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
    TARGET_RANK[b.target] - TARGET_RANK[a.target] ||
    b.level - a.level ||
    Date.parse(a.openedAt) - Date.parse(b.openedAt) ||
    a.id - b.id
  );
}

/** Live alerts only, in attention order. */
export const sortAlerts = (alerts: readonly Alert[]): Alert[] => alerts.filter(isLive).sort(compareAlerts);

/** The latest moment an alert changed: its last notice, acknowledgement or resolution. */
export function changedAt(alert: Alert): number {
  return Math.max(
    Date.parse(alert.lastNotifiedAt),
    alert.acknowledgedAt ? Date.parse(alert.acknowledgedAt) : 0,
    alert.resolvedAt ? Date.parse(alert.resolvedAt) : 0,
  );
}

/**
 * Whether `incoming` is at least as recent as `current` (the same alert), so a push held during a
 * list fetch never rolls a fresher row back. A resolution is final and always wins.
 */
export function supersedes(incoming: Alert, current: Alert): boolean {
  if (current.status === 'resolved') return false;
  if (incoming.status === 'resolved') return true;
  return changedAt(incoming) >= changedAt(current);
}

/** The list with `alert` put in (added, replaced or, once resolved, dropped), in attention order. */
export function upsertAlert(alerts: readonly Alert[], alert: Alert): Alert[] {
  const current = alerts.find((a) => a.id === alert.id);
  if (current && !supersedes(alert, current)) return [...alerts];
  return sortAlerts([...alerts.filter((a) => a.id !== alert.id), alert]);
}

/** How many alerts are still waiting for someone to acknowledge them. */
export const openCount = (alerts: readonly Alert[]): number =>
  alerts.filter((a) => a.status === 'open').length;
