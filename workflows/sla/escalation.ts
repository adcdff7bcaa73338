import { slaDueAt, slaWarnAt, type SlaClock } from './sla-clock.ts';
import type { SlaClockName, TicketSla } from './ticket-sla.ts';

/** Who an escalation level tells; escalation crosses organisations, up to the city. */
export const ESCALATION_TARGETS = ['agency', 'agency_head', 'district_akimat', 'city_supervisors'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

/** What must still be true for a level to fire: the deadline it watches is still running. */
export const ESCALATION_CONDITIONS = ['not_acknowledged', 'not_resolved'] as const;
export type EscalationCondition = (typeof ESCALATION_CONDITIONS)[number];

/** Which moment of the deadline starts a level's delay. */
export const ESCALATION_TRIGGERS = ['warning', 'breach'] as const;
export type EscalationTrigger = (typeof ESCALATION_TRIGGERS)[number];

/** One level of an escalation policy, as on-call tools define them. */
export interface EscalationLevel {
  condition: EscalationCondition;
  trigger: EscalationTrigger;
  /** Wall-clock minutes after the trigger. */
  delayMinutes: number;
  target: EscalationTarget;
  /** Further notices while nobody acknowledges. */
  repeatCount: number;
  repeatIntervalMinutes: number;
  /** An acknowledgement not followed by action within this time fires the level again. */
  ackTimeoutMinutes: number;
}

const MINUTE_MS = 60_000;

/** The clock a condition watches. */
export const clockOfCondition = (condition: EscalationCondition): SlaClockName =>
  condition === 'not_acknowledged' ? 'ack' : 'resolve';

/** When a level fires on `clock` as it runs now, or null while the clock is not running. */
export function levelFiresAt(level: EscalationLevel, clock: SlaClock | null): Date | null {
  if (!clock) return null;
  const trigger = level.trigger === 'warning' ? slaWarnAt(clock) : slaDueAt(clock);
  return trigger && new Date(trigger.getTime() + level.delayMinutes * MINUTE_MS);
}

/** A level's planned firing: its position in the policy, the clock it watches and when. */
export interface PlannedEscalation {
  level: number;
  clock: SlaClockName;
  firesAt: Date;
}

/** Every level of the ticket's policy with the moment it fires, for the clocks that run now. */
export function planEscalations(sla: TicketSla): PlannedEscalation[] {
  const planned: PlannedEscalation[] = [];
  sla.terms.escalation.forEach((level, index) => {
    const clock = clockOfCondition(level.condition);
    const firesAt = levelFiresAt(level, sla[clock]);
    if (firesAt) planned.push({ level: index, clock, firesAt });
  });
  return planned;
}

/** Whether an alert raised by `level` on `clockName` still stands: its clock runs and its moment has come. */
export function escalationStillHolds(
  sla: TicketSla,
  level: number,
  clockName: SlaClockName,
  at: Date,
): boolean {
  const definition = sla.terms.escalation[level];
  if (!definition || clockOfCondition(definition.condition) !== clockName) return false;
  const firesAt = levelFiresAt(definition, sla[clockName]);
  return firesAt !== null && firesAt.getTime() <= at.getTime();
}
