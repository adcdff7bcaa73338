import { describe, expect, it } from 'vitest';
import { TicketCommand } from '#contracts/ticket.contract.ts';
import { ACTION_INPUTS, buildCommand, isCommandType } from './ticket-command.ts';

describe('buildCommand', () => {
  it('builds a command the server contract accepts, with the expected version', () => {
    const samples = {
      'ticket.register': 'open-manhole',
      'ticket.close_first_contact': 'Explained the schedule',
      'ticket.assign': 'astana-su',
      'ticket.start': '',
      'ticket.resolve': 'Fixed',
      'ticket.close': '',
      'ticket.cancel': 'Duplicate',
      'ticket.comment': 'Called back',
    } as const;
    for (const type of Object.keys(ACTION_INPUTS) as (keyof typeof ACTION_INPUTS)[]) {
      const command = buildCommand(type, samples[type], 7);
      expect(TicketCommand.parse(command), type).toMatchObject({ type, expectedVersion: 7 });
    }
  });

  it('trims the input and refuses a blank one where input is required', () => {
    expect(buildCommand('ticket.comment', '  hello  ', 2)).toEqual({
      type: 'ticket.comment',
      text: 'hello',
      expectedVersion: 2,
    });
    expect(buildCommand('ticket.resolve', '   ', 2)).toBeNull();
    expect(buildCommand('ticket.start', '', 2)).toEqual({ type: 'ticket.start', expectedVersion: 2 });
  });
});

describe('isCommandType', () => {
  it('knows the commands and nothing else', () => {
    expect(isCommandType('ticket.assign')).toBe(true);
    expect(isCommandType('ticket.create')).toBe(false);
    expect(isCommandType('toString')).toBe(false);
  });
});
