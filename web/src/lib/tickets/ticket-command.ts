import type { TicketCommand } from '#contracts/ticket.contract.ts';
import { cityLocalToIso } from '../format/city-time.ts';

/** The commands a console sends (a file is uploaded, never sent as `ticket.attach`). */
export type TicketCommandType = Exclude<TicketCommand['type'], 'ticket.attach'>;

/**
 * What an action needs from the user before it can be sent: a category, an agency, a text, or a
 * hold (a reason and the date-time work should resume).
 */
export type ActionInput = 'category' | 'agency' | 'text' | 'hold' | 'incident' | null;

/** The input each action asks for (null: the button sends at once). */
export const ACTION_INPUTS: Readonly<Record<TicketCommandType, ActionInput>> = {
  'ticket.register': 'category',
  'ticket.close_first_contact': 'text',
  'ticket.assign': 'agency',
  'ticket.accept': null,
  'ticket.reject': 'text',
  'ticket.start': null,
  'ticket.hold': 'hold',
  'ticket.resume': null,
  'ticket.resolve': 'text',
  'ticket.reopen': 'text',
  'ticket.close': null,
  'ticket.cancel': 'text',
  'ticket.comment': 'text',
  'ticket.merge': 'incident',
  'ticket.unmerge': 'text',
  'ticket.escalate': 'text',
};

/** The payload field each action's main input fills, used for its label too (`payload.<field>`). */
export const ACTION_FIELDS = {
  'ticket.register': 'categoryId',
  'ticket.close_first_contact': 'answer',
  'ticket.assign': 'agencyId',
  'ticket.reject': 'reason',
  'ticket.hold': 'reason',
  'ticket.resolve': 'resolution',
  'ticket.reopen': 'reason',
  'ticket.cancel': 'reason',
  'ticket.comment': 'text',
  'ticket.merge': 'incidentId',
  'ticket.unmerge': 'reason',
  'ticket.escalate': 'reason',
} as const satisfies Partial<Record<TicketCommandType, string>>;

/** A payload field the user fills in. */
export type ActionField = (typeof ACTION_FIELDS)[keyof typeof ACTION_FIELDS] | 'until';

/** The main input's payload field of an action, or null for one that sends at once. */
export const actionField = (type: TicketCommandType): ActionField | null =>
  Object.hasOwn(ACTION_FIELDS, type) ? ACTION_FIELDS[type as keyof typeof ACTION_FIELDS] : null;

/** How an action's button looks: the main flow, a plain extra, or one that undoes work. */
export type ActionTone = 'primary' | 'plain' | 'danger';

/** Actions beside the workflow: they move no work forward by themselves. */
const PLAIN_ACTIONS: readonly TicketCommandType[] = [
  'ticket.comment',
  'ticket.escalate',
  'ticket.merge',
  'ticket.unmerge',
];

/** Cancelling and sending a ticket back undo someone's work; comments, escalations and merges sit aside. */
export function actionTone(type: TicketCommandType): ActionTone {
  if (type === 'ticket.cancel' || type === 'ticket.reject') return 'danger';
  return PLAIN_ACTIONS.includes(type) ? 'plain' : 'primary';
}

const TONE_ORDER: Readonly<Record<ActionTone, number>> = { primary: 0, plain: 1, danger: 2 };

/** The buttons in the order shown: the workflow's next steps first, destructive ones last. */
export const orderActions = (types: readonly TicketCommandType[]): TicketCommandType[] =>
  [...types].sort((a, b) => TONE_ORDER[actionTone(a)] - TONE_ORDER[actionTone(b)]);

/** Whether a string from `acceptedEvents` is a command this console can send. */
export const isCommandType = (type: string): type is TicketCommandType => Object.hasOwn(ACTION_INPUTS, type);

/** What the user entered: `value` for the main input, `until` (datetime-local) for a hold. */
export interface ActionForm {
  value: string;
  until?: string;
}

/** What a command needs besides the form: the version the user looked at and the city's clock. */
export interface CommandContext {
  expectedVersion: number;
  /** The city's IANA zone (/api/settings `cityTimeZone`): `until` is read as the city's time. */
  timeZone: string;
  now: Date;
}

/** A message key for each reason a form cannot be sent yet. */
export type FormProblem =
  | 'validation.required'
  | 'validation.dateTime'
  | 'validation.future'
  | 'validation.incident'
  | 'validation.incidentSelf';

/** The command to send, or which field is wrong and why. */
export type CommandDraft =
  { ok: true; command: TicketCommand } | { ok: false; field: ActionField; problem: FormProblem };

/**
 * The wire command for an action, carrying the version the user looked at so a concurrent change
 * is refused (409) instead of silently overwritten. A hold's `until` becomes ISO 8601 with the
 * city's offset and must lie after `now`.
 */
export function buildCommand(type: TicketCommandType, form: ActionForm, ctx: CommandContext): CommandDraft {
  const input = form.value.trim();
  const { expectedVersion } = ctx;
  const field = actionField(type);
  if (field && !input) return { ok: false, field, problem: 'validation.required' };
  const ok = (command: TicketCommand): CommandDraft => ({ ok: true, command });
  switch (type) {
    case 'ticket.register':
      return ok({ type, categoryId: input, expectedVersion });
    case 'ticket.close_first_contact':
      return ok({ type, answer: input, expectedVersion });
    case 'ticket.assign':
      return ok({ type, agencyId: input, expectedVersion });
    case 'ticket.resolve':
      return ok({ type, resolution: input, expectedVersion });
    case 'ticket.reject':
    case 'ticket.reopen':
    case 'ticket.cancel':
      return ok({ type, reason: input, expectedVersion });
    case 'ticket.comment':
      return ok({ type, text: input, expectedVersion });
    case 'ticket.unmerge':
    case 'ticket.escalate':
      return ok({ type, reason: input, expectedVersion });
    case 'ticket.merge': {
      // The console looks the incident up by its registration number and puts its id here.
      const incidentId = Number(input);
      if (!/^[0-9]{1,10}$/.test(input) || incidentId < 1)
        return { ok: false, field: 'incidentId', problem: 'validation.incident' };
      return ok({ type, incidentId, expectedVersion });
    }
    case 'ticket.hold': {
      const local = form.until?.trim() ?? '';
      if (!local) return { ok: false, field: 'until', problem: 'validation.dateTime' };
      const until = cityLocalToIso(local, ctx.timeZone);
      if (!until) return { ok: false, field: 'until', problem: 'validation.dateTime' };
      if (Date.parse(until) <= ctx.now.getTime())
        return { ok: false, field: 'until', problem: 'validation.future' };
      return ok({ type, reason: input, until, expectedVersion });
    }
    case 'ticket.accept':
    case 'ticket.start':
    case 'ticket.resume':
    case 'ticket.close':
      return ok({ type, expectedVersion });
  }
}

/** A command a console may send in bulk: any but an attachment (files go to one ticket at a time). */
export type BulkCommand = Exclude<TicketCommand, { type: 'ticket.attach' }>;

/**
 * The command for a bulk request, which carries a version per ticket instead of on the command;
 * null for an attachment.
 */
export function forBulk(command: TicketCommand): BulkCommand | null {
  if (command.type === 'ticket.attach') return null;
  const copy = { ...command };
  delete copy.expectedVersion;
  return copy;
}
