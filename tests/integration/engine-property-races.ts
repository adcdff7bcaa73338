import { expect } from 'vitest';
import { Ticket } from '../../server/contracts/ticket.contract.ts';
import { stepTicket } from '../../workflows/ticket/ticket.transition.ts';
import type { TicketCommandEvent } from '../../workflows/ticket/ticket.types.ts';
import { apiError } from '../support/test-server.ts';
import {
  buildCommand,
  confirmationDue,
  describeCommand,
  INCIDENT_OPEN_STATES,
  mergedInto,
  type ModelTicket,
  type RunModel,
} from '../support/ticket-model.ts';
import { applicable, applyingCommand, pickOf, Step, where } from './engine-property-steps.ts';
import { AGENCY_STAFF, AGENCY_TYPES, type Explained } from './engine-property-world.ts';

// The steps of an engine property run (engine-properties.test.ts) where writers race: commands at one
// version, on unrelated tickets at once, against the timer worker, a crew against a reassignment, and
// a merge against a command on its incident.

/** Several applicable commands on one ticket at its version, at once: exactly one wins. */
export const race = (ticketPick: number, typePicks: number[]) =>
  new Step({
    label: `race ${typePicks.length} writers at one version #${ticketPick}/${typePicks.join(',')}`,
    check: (m) => m.tickets.some((t) => applicable(t, m).length > 0),
    async act(m, w, note) {
      const t = pickOf(
        m.tickets.filter((x) => applicable(x, m).length > 0),
        ticketPick,
      )!;
      const events = typePicks.map((p, i) => applyingCommand(t, m, applicable(t, m), p, p + i));
      note(`${where(t)} ${events.map((e) => describeCommand(e, m)).join(' | ')}`);
      const answers = await Promise.all(
        events.map((e) => w.command('supervisor', t.id, { ...e, expectedVersion: t.version })),
      );
      note(answers.map((a) => a.status).join(','));
      const winners = answers.flatMap((res, i) => (res.status === 200 ? [i] : []));
      expect(winners, `exactly one wins: ${JSON.stringify(answers.map((a) => a.body))}`).toHaveLength(1);
      const won = winners[0]!;
      const after = Ticket.parse(answers[won]!.body);
      const next = stepTicket(t.snapshot, events[won]!);
      expect([after.state, after.version]).toEqual([next.accepted && next.snapshot.value, t.version + 1]);
      for (const loser of answers.filter((_, i) => i !== won)) {
        expect(loser.status).toBe(409);
        const error = apiError(loser);
        expect(['stale_version', 'event_not_accepted']).toContain(error.code);
        expect([error.currentState, error.currentVersion]).toEqual([after.state, after.version]);
      }
      return { commands: [{ ticket: t, event: events[won]!, version: after.version }], timers: false };
    },
  });

/** Tickets whose commands touch no other ticket: not merged, no appeal merged into them. */
const standalone = (m: RunModel) =>
  m.tickets.filter(
    (t) => t.snapshot.value !== 'merged' && mergedInto(t, m).length === 0 && independent(t, m).length > 0,
  );
/** Commands that change `t` alone (a merge also reads its incident; see raceMerge). */
const independent = (t: ModelTicket, m: RunModel) =>
  applicable(t, m).filter((type) => type !== 'ticket.merge');

/** One command on each of several unrelated tickets at once, with no expected version: all apply. */
export const parallel = (typePicks: number[]) =>
  new Step({
    label: `parallel writers on ${typePicks.length} tickets /${typePicks.join(',')}`,
    check: (m) => standalone(m).length >= 2,
    async act(m, w, note) {
      const tickets = standalone(m).slice(0, typePicks.length);
      const events = tickets.map((t, i) =>
        applyingCommand(t, m, independent(t, m), typePicks[i]!, typePicks[i]!),
      );
      note(tickets.map((t, i) => `${where(t)} ${describeCommand(events[i]!, m)}`).join(' | '));
      const answers = await Promise.all(tickets.map((t, i) => w.command('supervisor', t.id, events[i]!)));
      note(answers.map((a) => a.status).join(','));
      const applied = answers.map((res) => {
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return Ticket.parse(res.body).version;
      });
      return {
        commands: tickets.map((ticket, i) => ({ ticket, event: events[i]!, version: applied[i]! })),
        timers: false,
      };
    },
  });

/** A command at the ticket's version racing the timer worker (a due confirmation close, preferably). */
export const raceTimers = (ticketPick: number, typePick: number) =>
  new Step({
    label: `race a command with the timers #${ticketPick}/${typePick}`,
    check: (m) => m.tickets.some((t) => applicable(t, m).length > 0),
    async act(m, w, note) {
      const candidates = m.tickets.filter((x) => applicable(x, m).length > 0);
      const due = candidates.filter((x) => confirmationDue(x, m.now));
      const t = pickOf(due.length ? due : candidates, ticketPick)!;
      const event = applyingCommand(t, m, applicable(t, m), typePick, typePick);
      note(
        `${where(t)}${confirmationDue(t, m.now) ? ' (confirmation due)' : ''} ${describeCommand(event, m)}`,
      );
      const [res] = await Promise.all([
        w.command('supervisor', t.id, { ...event, expectedVersion: t.version }),
        w.fireAllDue(),
      ]);
      // A timer whose ticket the command held was skipped, not lost: it fires now.
      await w.fireAllDue();
      note(String(res.status));
      if (res.status === 200) {
        const after = Ticket.parse(res.body);
        expect(after.version).toBe(t.version + 1);
        return { commands: [{ ticket: t, event, version: after.version }], timers: true };
      }
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      const error = apiError(res);
      expect([error.code, error.currentVersion]).toEqual(['stale_version', t.version + 1]);
      return { commands: [], timers: true };
    },
  });

/** Agency commands the ticket's own crew could send now, if its agency has staff in the suite. */
const crewCommands = (t: ModelTicket, m: RunModel) =>
  AGENCY_STAFF[t.snapshot.context.agencyId ?? ''] && applicable(t, m).includes('ticket.assign')
    ? applicable(t, m).filter((type) => [...AGENCY_TYPES, 'ticket.comment', 'ticket.escalate'].includes(type))
    : [];

/**
 * The crew's command at the ticket's version racing the supervisor's reassignment to another agency:
 * whichever commits first, the crew never acts on a ticket its agency no longer holds.
 */
export const raceReassign = (ticketPick: number, typePick: number, agencyPick: number) =>
  new Step({
    label: `race a crew's command with a reassignment #${ticketPick}/${typePick}/${agencyPick}`,
    check: (m) => m.tickets.some((t) => crewCommands(t, m).length > 0),
    async act(m, w, note) {
      const t = pickOf(
        m.tickets.filter((x) => crewCommands(x, m).length > 0),
        ticketPick,
      )!;
      const crew = AGENCY_STAFF[t.snapshot.context.agencyId!]!;
      const event = applyingCommand(t, m, crewCommands(t, m), typePick, typePick);
      const reassign = buildCommand('ticket.assign', t, m, agencyPick);
      note(`${where(t)} ${describeCommand(event, m)} by ${crew} | ${describeCommand(reassign, m)}`);
      const [byCrew, bySupervisor] = await Promise.all([
        // Without a version: only the access check on the locked row keeps the crew off a lost ticket.
        w.command(crew, t.id, event),
        w.command('supervisor', t.id, reassign),
      ]);
      note(`${byCrew.status},${bySupervisor.status}`);
      const commands: Explained['commands'] = [];
      if (byCrew.status === 200)
        commands.push({ ticket: t, event, version: Ticket.parse(byCrew.body).version });
      else
        expect([
          [404, 'not_found'],
          [409, 'stale_version'],
        ]).toContainEqual([byCrew.status, apiError(byCrew).code]);
      if (bySupervisor.status === 200)
        commands.push({ ticket: t, event: reassign, version: Ticket.parse(bySupervisor.body).version });
      else
        expect([bySupervisor.status, apiError(bySupervisor).code, byCrew.status]).toEqual([
          409,
          'event_not_accepted',
          200,
        ]);
      return { commands, timers: false };
    },
  });

/** Pairs (appeal, incident) the appeal could be merged into now, each incident having something to do. */
const mergePairs = (m: RunModel): [ModelTicket, ModelTicket][] =>
  m.tickets.flatMap((t) =>
    stepTicket(t.snapshot, { type: 'ticket.merge', incidentId: 0 }).accepted && mergedInto(t, m).length === 0
      ? m.tickets
          .filter(
            (i) => i !== t && INCIDENT_OPEN_STATES.includes(i.snapshot.value) && applicable(i, m).length > 0,
          )
          .map((i): [ModelTicket, ModelTicket] => [t, i])
      : [],
  );
const INCIDENT_MOVES = ['ticket.resolve', 'ticket.cancel', 'ticket.merge', 'ticket.hold', 'ticket.assign'];

/**
 * A merge into an incident racing a command on the incident (resolving, cancelling or merging it,
 * preferably): whatever commits first, no appeal may be left waiting for an incident that is done.
 */
export const raceMerge = (pairPick: number, typePick: number) =>
  new Step({
    label: `race a merge with a command on its incident #${pairPick}/${typePick}`,
    check: (m) => mergePairs(m).length > 0,
    async act(m, w, note) {
      const [t, incident] = pickOf(mergePairs(m), pairPick)!;
      const merge: TicketCommandEvent = { type: 'ticket.merge', incidentId: incident.id };
      const moves = applicable(incident, m).filter((type) => INCIDENT_MOVES.includes(type));
      const type = pickOf(moves.length ? moves : applicable(incident, m), typePick)!;
      const move = buildCommand(type, incident, m, typePick);
      note(`${where(t)} ${describeCommand(merge, m)} | ${where(incident)} ${describeCommand(move, m)}`);
      const answers = await Promise.all([
        w.command('supervisor', t.id, merge),
        w.command('supervisor', incident.id, move),
      ]);
      note(answers.map((a) => a.status).join(','));
      const commands: Explained['commands'] = [];
      answers.forEach((res, i) => {
        const [ticket, event] = i === 0 ? [t, merge] : [incident, move];
        if (res.status === 200) commands.push({ ticket, event, version: Ticket.parse(res.body).version });
        else
          expect([
            [409, 'incident_not_open'],
            [409, 'has_merged_tickets'],
          ]).toContainEqual([res.status, apiError(res).code]);
      });
      return { commands, timers: false };
    },
  });
