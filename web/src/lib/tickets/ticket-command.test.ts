import { describe, expect, it } from 'vitest';
import { TicketCommand } from '#contracts/ticket.contract.ts';
import {
  ACTION_INPUTS,
  actionField,
  actionTone,
  buildCommand,
  isCommandType,
  orderActions,
  forBulk,
  type CommandContext,
  type TicketCommandType,
} from './ticket-command.ts';

const ctx = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  expectedVersion: 7,
  timeZone: 'Asia/Almaty',
  now: new Date('2026-11-25T10:00:00Z'),
  ...overrides,
});

describe('buildCommand', () => {
  it('builds a command the server contract accepts, with the expected version', () => {
    const samples: Record<TicketCommandType, string> = {
      'ticket.register': 'open-manhole',
      'ticket.close_first_contact': 'Explained the schedule',
      'ticket.assign': 'astana-su',
      'ticket.accept': '',
      'ticket.reject': 'Not our district',
      'ticket.start': '',
      'ticket.hold': 'Waiting for a pump',
      'ticket.resume': '',
      'ticket.resolve': 'Fixed',
      'ticket.reopen': 'Resident says the leak is back',
      'ticket.close': '',
      'ticket.cancel': 'Duplicate',
      'ticket.comment': 'Called back',
      'ticket.merge': '42',
      'ticket.unmerge': 'A different street',
      'ticket.escalate': 'Water is reaching the houses',
    };
    for (const type of Object.keys(ACTION_INPUTS) as TicketCommandType[]) {
      const draft = buildCommand(type, { value: samples[type], until: '2026-11-26T09:00' }, ctx());
      if (!draft.ok) throw new Error(`${type}: ${draft.problem}`);
      expect(TicketCommand.parse(draft.command), type).toMatchObject({ type, expectedVersion: 7 });
    }
  });

  it('trims the input and refuses a blank one where input is required', () => {
    expect(buildCommand('ticket.comment', { value: '  hello  ' }, ctx({ expectedVersion: 2 }))).toEqual({
      ok: true,
      command: { type: 'ticket.comment', text: 'hello', expectedVersion: 2 },
    });
    expect(buildCommand('ticket.resolve', { value: '   ' }, ctx())).toEqual({
      ok: false,
      field: 'resolution',
      problem: 'validation.required',
    });
    expect(buildCommand('ticket.start', { value: '' }, ctx({ expectedVersion: 2 }))).toEqual({
      ok: true,
      command: { type: 'ticket.start', expectedVersion: 2 },
    });
  });

  it('sends accept and resume without input, and a reason for reject and reopen', () => {
    for (const type of ['ticket.accept', 'ticket.resume'] as const) {
      expect(buildCommand(type, { value: '' }, ctx())).toEqual({
        ok: true,
        command: { type, expectedVersion: 7 },
      });
    }
    for (const type of ['ticket.reject', 'ticket.reopen'] as const) {
      expect(buildCommand(type, { value: ' Not ours ' }, ctx())).toEqual({
        ok: true,
        command: { type, reason: 'Not ours', expectedVersion: 7 },
      });
      expect(buildCommand(type, { value: '' }, ctx())).toMatchObject({ ok: false, field: 'reason' });
    }
  });

  it("sends a hold's resume time as ISO with the city's offset", () => {
    expect(
      buildCommand('ticket.hold', { value: 'Waiting for a pump', until: '2026-12-01T09:00' }, ctx()),
    ).toEqual({
      ok: true,
      command: {
        type: 'ticket.hold',
        reason: 'Waiting for a pump',
        until: '2026-12-01T09:00:00+05:00',
        expectedVersion: 7,
      },
    });
  });

  it('reads the resume time in the configured zone, not a fixed +05:00', () => {
    const draft = buildCommand(
      'ticket.hold',
      { value: 'x', until: '2026-12-01T09:00' },
      ctx({ timeZone: 'UTC' }),
    );
    expect(draft).toMatchObject({ ok: true, command: { until: '2026-12-01T09:00:00+00:00' } });
  });

  it('refuses a hold without a reason, without a time, or with a time not in the future', () => {
    const hold = (value: string, until?: string) => buildCommand('ticket.hold', { value, until }, ctx());
    expect(hold('', '2026-12-01T09:00')).toEqual({
      ok: false,
      field: 'reason',
      problem: 'validation.required',
    });
    expect(hold('Waiting')).toEqual({ ok: false, field: 'until', problem: 'validation.dateTime' });
    expect(hold('Waiting', 'tomorrow')).toEqual({
      ok: false,
      field: 'until',
      problem: 'validation.dateTime',
    });
    // now is 15:00 in Astana: 14:59 that day has passed, and so has the very minute of now.
    expect(hold('Waiting', '2026-11-25T14:59')).toEqual({
      ok: false,
      field: 'until',
      problem: 'validation.future',
    });
    expect(hold('Waiting', '2026-11-25T15:00')).toMatchObject({ ok: false, problem: 'validation.future' });
    expect(hold('Waiting', '2026-11-25T15:01')).toMatchObject({ ok: true });
  });
});

describe('actionField', () => {
  it('names the payload field of every action that asks for input', () => {
    for (const [type, input] of Object.entries(ACTION_INPUTS) as [TicketCommandType, unknown][]) {
      expect(actionField(type) !== null, type).toBe(input !== null);
    }
    expect(actionField('ticket.hold')).toBe('reason');
  });
});

describe('actionTone and orderActions', () => {
  it('marks cancel and reject destructive and puts them last', () => {
    expect(actionTone('ticket.reject')).toBe('danger');
    expect(actionTone('ticket.cancel')).toBe('danger');
    expect(actionTone('ticket.comment')).toBe('plain');
    expect(actionTone('ticket.accept')).toBe('primary');
    expect(
      orderActions(['ticket.accept', 'ticket.reject', 'ticket.start', 'ticket.cancel', 'ticket.comment']),
    ).toEqual(['ticket.accept', 'ticket.start', 'ticket.comment', 'ticket.reject', 'ticket.cancel']);
  });
});

describe('isCommandType', () => {
  it('knows the commands and nothing else', () => {
    expect(isCommandType('ticket.assign')).toBe(true);
    expect(isCommandType('ticket.hold')).toBe(true);
    expect(isCommandType('ticket.create')).toBe(false);
    expect(isCommandType('toString')).toBe(false);
  });
});

describe('forBulk', () => {
  it('drops the version a bulk request carries per ticket, leaving the original alone', () => {
    const command = { type: 'ticket.cancel', reason: 'Duplicate', expectedVersion: 4 } as const;
    expect(forBulk(command)).toEqual({ type: 'ticket.cancel', reason: 'Duplicate' });
    expect(command.expectedVersion).toBe(4);
    expect(
      forBulk({ type: 'ticket.attach', sha256: 'a'.repeat(64), mediaType: 'image/png', byteSize: 1 }),
    ).toBeNull();
  });
});
