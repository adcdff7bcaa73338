import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from './business-calendar.ts';

/** One stretch during which a deadline's clock ran; pauses sit between cycles. */
export interface SlaCycle {
  startedAt: string;
  stoppedAt: string | null;
  /** Business time this cycle counted, fixed when it stopped (its calendar may change afterwards). */
  consumedMs: number | null;
}

/**
 * One deadline (acknowledge or resolve) as service desks keep it: a budget of business time on a
 * calendar, counted over cycles that pause and resume; every cycle is kept. Plain data, so it is stored
 * inside the ticket row as JSON.
 */
export interface SlaClock {
  budgetMs: number;
  /** A warning is due when this share of the budget is used. */
  warnFraction: number;
  calendar: BusinessCalendar;
  cycles: SlaCycle[];
  /** Set once the clock stopped for good: the goal was met or missed. */
  outcome: 'met' | 'breached' | null;
}

const iso = (at: Date) => at.toISOString();
const runningCycle = (clock: SlaClock) => {
  const last = clock.cycles.at(-1);
  return clock.outcome === null && last && last.stoppedAt === null ? last : null;
};
const closedConsumedMs = (clock: SlaClock) =>
  clock.cycles.reduce((sum, c) => sum + (c.stoppedAt === null ? 0 : (c.consumedMs ?? 0)), 0);

/** A clock that starts counting at `at`. */
export function startSlaClock(
  budgetMs: number,
  warnFraction: number,
  calendar: BusinessCalendar,
  at: Date,
): SlaClock {
  return {
    budgetMs,
    warnFraction,
    calendar,
    cycles: [{ startedAt: iso(at), stoppedAt: null, consumedMs: null }],
    outcome: null,
  };
}

/** Whether the clock is counting now. */
export const isSlaRunning = (clock: SlaClock) => runningCycle(clock) !== null;

/** Business time used so far: the closed cycles plus the running one up to `at`. */
export function slaConsumedMs(clock: SlaClock, at: Date): number {
  const running = runningCycle(clock);
  const open = running ? businessTimeBetween(clock.calendar, new Date(running.startedAt), at) : 0;
  return closedConsumedMs(clock) + open;
}

function closeRunningCycle(clock: SlaClock, at: Date): SlaCycle[] {
  return clock.cycles.map((c) =>
    c.stoppedAt === null
      ? {
          ...c,
          stoppedAt: iso(at),
          consumedMs: businessTimeBetween(clock.calendar, new Date(c.startedAt), at),
        }
      : c,
  );
}

/** Stops counting until `resumeSlaClock` (a ticket on hold); a clock not running is returned as is. */
export function pauseSlaClock(clock: SlaClock, at: Date): SlaClock {
  return isSlaRunning(clock) ? { ...clock, cycles: closeRunningCycle(clock, at) } : clock;
}

/** Counts again from `at` in a new cycle; a running or finished clock is returned as is. */
export function resumeSlaClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.outcome !== null || isSlaRunning(clock)) return clock;
  return { ...clock, cycles: [...clock.cycles, { startedAt: iso(at), stoppedAt: null, consumedMs: null }] };
}

/** Counts on another calendar from `at` (the ticket went to an agency with other hours). */
export function switchSlaCalendar(clock: SlaClock, calendar: BusinessCalendar, at: Date): SlaClock {
  // The same calendar keeps the copy taken when the ticket was registered: edits apply to new tickets.
  if (calendar.id === clock.calendar.id) return clock;
  const running = runningCycle(clock);
  // Nothing counted yet in this cycle (or none runs): the new hours simply apply.
  if (!running || running.startedAt === iso(at)) return { ...clock, calendar };
  return resumeSlaClock({ ...clock, cycles: closeRunningCycle(clock, at), calendar }, at);
}

/** Stops the clock for good at `at`, recording whether the goal was met. */
export function stopSlaClock(clock: SlaClock, at: Date): SlaClock {
  if (clock.outcome !== null) return clock;
  const cycles = isSlaRunning(clock) ? closeRunningCycle(clock, at) : clock.cycles;
  const used = cycles.reduce((sum, c) => sum + (c.consumedMs ?? 0), 0);
  return { ...clock, cycles, outcome: used <= clock.budgetMs ? 'met' : 'breached' };
}

/**
 * The instant at which the clock will have used `consumedMs`, or null while it is not running. A
 * moment already passed before the current cycle began is the cycle's start.
 */
export function slaMomentAt(clock: SlaClock, consumedMs: number): Date | null {
  const running = runningCycle(clock);
  if (!running) return null;
  const left = Math.max(0, consumedMs - closedConsumedMs(clock));
  return addBusinessTime(clock.calendar, new Date(running.startedAt), left);
}

/** When the deadline falls, while the clock runs. */
export const slaDueAt = (clock: SlaClock) => slaMomentAt(clock, clock.budgetMs);

/** When the warning falls, while the clock runs. */
export const slaWarnAt = (clock: SlaClock) =>
  slaMomentAt(clock, Math.round(clock.budgetMs * clock.warnFraction));
