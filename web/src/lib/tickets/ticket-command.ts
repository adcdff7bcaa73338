import type { TicketCommand } from '#contracts/ticket.contract.ts';

/** The event types a ticket can accept, as the console knows them. */
export type TicketCommandType = TicketCommand['type'];

/** What an action needs from the user before it can be sent. */
export type ActionInput = 'category' | 'agency' | 'text' | null;

/** The input each action asks for (null: the button sends at once). */
export const ACTION_INPUTS: Readonly<Record<TicketCommandType, ActionInput>> = {
  'ticket.register': 'category',
  'ticket.close_first_contact': 'text',
  'ticket.assign': 'agency',
  'ticket.start': null,
  'ticket.resolve': 'text',
  'ticket.close': null,
  'ticket.cancel': 'text',
  'ticket.comment': 'text',
};

/** The payload field each action's input fills, used for its label too (`payload.<field>`). */
export const ACTION_FIELDS = {
  'ticket.register': 'categoryId',
  'ticket.close_first_contact': 'answer',
  'ticket.assign': 'agencyId',
  'ticket.resolve': 'resolution',
  'ticket.cancel': 'reason',
  'ticket.comment': 'text',
} as const satisfies Partial<Record<TicketCommandType, string>>;

/** Whether a string from `acceptedEvents` is a command this console can send. */
export const isCommandType = (type: string): type is TicketCommandType => Object.hasOwn(ACTION_INPUTS, type);

/**
 * The wire command for an action, carrying the version the user looked at so a concurrent change
 * is refused (409) instead of silently overwritten. Null when a required input is blank.
 */
export function buildCommand(
  type: TicketCommandType,
  value: string,
  expectedVersion: number,
): TicketCommand | null {
  const input = value.trim();
  if (ACTION_INPUTS[type] !== null && !input) return null;
  switch (type) {
    case 'ticket.register':
      return { type, categoryId: input, expectedVersion };
    case 'ticket.close_first_contact':
      return { type, answer: input, expectedVersion };
    case 'ticket.assign':
      return { type, agencyId: input, expectedVersion };
    case 'ticket.resolve':
      return { type, resolution: input, expectedVersion };
    case 'ticket.cancel':
      return { type, reason: input, expectedVersion };
    case 'ticket.comment':
      return { type, text: input, expectedVersion };
    case 'ticket.start':
    case 'ticket.close':
      return { type, expectedVersion };
  }
}
