import { assign, setup } from 'xstate';
import {
  DEFAULT_CONFIRMATION_WINDOW_MS,
  type TicketContext,
  type TicketEvent,
  type TicketInput,
} from './ticket.types.ts';

// Every live state takes a comment, an escalation or a file without leaving the state.
const ANNOTATIONS = {
  'ticket.comment': { actions: 'countComment' },
  'ticket.escalate': { actions: 'countEscalation' },
  'ticket.attach': { actions: 'countAttachment' },
} as const;
const MERGE = { target: 'merged', actions: 'recordMerge' } as const;
const RESOLVE = { target: 'resolved', actions: 'recordResolution' } as const;
const CANCEL = { target: 'cancelled', actions: 'recordCancelReason' } as const;

/**
 * The ticket lifecycle. Pure: no I/O and no clocks. The server applies events with XState's
 * `transition()`, persists the snapshot, and turns the delayed events it schedules (`after`) into
 * durable timer rows, because XState's own timers do not survive a restart.
 */
export const ticketMachine = setup({
  types: {
    context: {} as TicketContext,
    events: {} as TicketEvent,
    input: {} as TicketInput,
  },
  actions: {
    recordCategory: assign({
      categoryId: ({ context, event }) =>
        event.type === 'ticket.register' ? event.categoryId : context.categoryId,
    }),
    recordAgency: assign({
      agencyId: ({ context, event }) => (event.type === 'ticket.assign' ? event.agencyId : context.agencyId),
    }),
    recordMisroute: assign({
      agencyId: null,
      misrouteCount: ({ context }) => context.misrouteCount + 1,
    }),
    recordHold: assign({
      holdReason: ({ context, event }) => (event.type === 'ticket.hold' ? event.reason : context.holdReason),
      holdUntil: ({ context, event }) => (event.type === 'ticket.hold' ? event.until : context.holdUntil),
    }),
    clearHold: assign({ holdReason: null, holdUntil: null }),
    recordResolution: assign({
      resolution: ({ context, event }) =>
        event.type === 'ticket.resolve' ? event.resolution : context.resolution,
    }),
    recordReopen: assign({
      resolution: null,
      reopenCount: ({ context }) => context.reopenCount + 1,
    }),
    recordFirstContactAnswer: assign({
      firstContactAnswer: ({ context, event }) =>
        event.type === 'ticket.close_first_contact' ? event.answer : context.firstContactAnswer,
    }),
    recordCancelReason: assign({
      cancelReason: ({ context, event }) =>
        event.type === 'ticket.cancel' ? event.reason : context.cancelReason,
    }),
    countComment: assign({ commentCount: ({ context }) => context.commentCount + 1 }),
    countEscalation: assign({ escalationCount: ({ context }) => context.escalationCount + 1 }),
    countAttachment: assign({ attachmentCount: ({ context }) => context.attachmentCount + 1 }),
    recordMerge: assign({
      mergedIntoId: ({ context, event }) =>
        event.type === 'ticket.merge' ? event.incidentId : context.mergedIntoId,
    }),
    // Separated from its incident, the appeal is routed afresh, like one an agency sent back.
    clearMerge: assign({ mergedIntoId: null, agencyId: null }),
  },
  guards: {
    isDifferentAgency: ({ context, event }) =>
      event.type === 'ticket.assign' && event.agencyId !== context.agencyId,
  },
  delays: {
    confirmationWindow: ({ context }) => context.confirmationWindowMs,
  },
}).createMachine({
  id: 'ticket',
  initial: 'received',
  context: ({ input }) => ({
    categoryId: input.categoryId,
    channel: input.channel,
    agencyId: null,
    resolution: null,
    firstContactAnswer: null,
    cancelReason: null,
    commentCount: 0,
    misrouteCount: 0,
    reopenCount: 0,
    escalationCount: 0,
    attachmentCount: 0,
    holdReason: null,
    holdUntil: null,
    mergedIntoId: null,
    confirmationWindowMs: input.confirmationWindowMs ?? DEFAULT_CONFIRMATION_WINDOW_MS,
  }),
  states: {
    received: {
      on: {
        ...ANNOTATIONS,
        'ticket.register': { target: 'registered', actions: 'recordCategory' },
        'ticket.cancel': CANCEL,
      },
    },
    registered: {
      on: {
        ...ANNOTATIONS,
        'ticket.merge': MERGE,
        'ticket.close_first_contact': { target: 'closed_first_contact', actions: 'recordFirstContactAnswer' },
        'ticket.assign': { target: 'assigned', actions: 'recordAgency' },
        'ticket.cancel': CANCEL,
      },
    },
    assigned: {
      on: {
        ...ANNOTATIONS,
        'ticket.merge': MERGE,
        'ticket.assign': {
          target: 'assigned',
          guard: 'isDifferentAgency',
          actions: 'recordAgency',
          reenter: true,
        },
        'ticket.accept': { target: 'accepted' },
        // Crews often just go: starting work acknowledges the ticket too.
        'ticket.start': { target: 'in_progress' },
        'ticket.reject': { target: 'registered', actions: 'recordMisroute' },
        'ticket.resolve': RESOLVE,
        'ticket.cancel': CANCEL,
      },
    },
    accepted: {
      on: {
        ...ANNOTATIONS,
        'ticket.merge': MERGE,
        'ticket.assign': { target: 'assigned', guard: 'isDifferentAgency', actions: 'recordAgency' },
        'ticket.start': { target: 'in_progress' },
        'ticket.hold': { target: 'on_hold', actions: 'recordHold' },
        'ticket.resolve': RESOLVE,
        'ticket.cancel': CANCEL,
      },
    },
    in_progress: {
      on: {
        ...ANNOTATIONS,
        'ticket.merge': MERGE,
        'ticket.assign': { target: 'assigned', guard: 'isDifferentAgency', actions: 'recordAgency' },
        'ticket.hold': { target: 'on_hold', actions: 'recordHold' },
        'ticket.resolve': RESOLVE,
        'ticket.cancel': CANCEL,
      },
    },
    on_hold: {
      on: {
        ...ANNOTATIONS,
        'ticket.merge': { target: 'merged', actions: ['clearHold', 'recordMerge'] },
        'ticket.resume': { target: 'in_progress', actions: 'clearHold' },
        'ticket.assign': {
          target: 'assigned',
          guard: 'isDifferentAgency',
          actions: ['clearHold', 'recordAgency'],
        },
        'ticket.cancel': { target: 'cancelled', actions: ['clearHold', 'recordCancelReason'] },
      },
    },
    // One of many appeals about one job: it waits for the incident it was merged into.
    merged: {
      on: {
        ...ANNOTATIONS,
        'ticket.resolve': RESOLVE,
        'ticket.unmerge': { target: 'registered', actions: 'clearMerge' },
        'ticket.cancel': { target: 'cancelled', actions: ['clearMerge', 'recordCancelReason'] },
      },
    },
    resolved: {
      // Unless the resident disputes within the window, the ticket closes by itself.
      after: { confirmationWindow: { target: 'closed' } },
      on: {
        ...ANNOTATIONS,
        'ticket.close': { target: 'closed' },
        'ticket.reopen': { target: 'assigned', actions: 'recordReopen' },
      },
    },
    // Closed for the centre's figures, yet a resident may still dispute it within the reopen window
    // (the engine checks the window: the machine keeps no clock). Nothing else is accepted.
    closed: {
      on: { 'ticket.reopen': { target: 'assigned', actions: 'recordReopen' } },
    },
    closed_first_contact: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export type TicketMachine = typeof ticketMachine;
