import { assign, setup } from 'xstate';
import type { TicketContext, TicketEvent, TicketInput } from './ticket.types.ts';

/**
 * The ticket lifecycle. Pure: no I/O, no timers. The server applies events with XState's
 * `transition()` and persists the snapshot; deadlines are computed by the engine from data.
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
    recordResolution: assign({
      resolution: ({ context, event }) =>
        event.type === 'ticket.resolve' ? event.resolution : context.resolution,
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
  },
  guards: {
    isDifferentAgency: ({ context, event }) =>
      event.type === 'ticket.assign' && event.agencyId !== context.agencyId,
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
  }),
  on: {
    'ticket.comment': { actions: 'countComment' },
  },
  states: {
    received: {
      on: {
        'ticket.register': { target: 'registered', actions: 'recordCategory' },
        'ticket.cancel': { target: 'cancelled', actions: 'recordCancelReason' },
      },
    },
    registered: {
      on: {
        'ticket.close_first_contact': { target: 'closed_first_contact', actions: 'recordFirstContactAnswer' },
        'ticket.assign': { target: 'assigned', actions: 'recordAgency' },
        'ticket.cancel': { target: 'cancelled', actions: 'recordCancelReason' },
      },
    },
    assigned: {
      on: {
        'ticket.assign': {
          target: 'assigned',
          guard: 'isDifferentAgency',
          actions: 'recordAgency',
          reenter: true,
        },
        'ticket.start': { target: 'in_progress' },
        'ticket.resolve': { target: 'resolved', actions: 'recordResolution' },
        'ticket.cancel': { target: 'cancelled', actions: 'recordCancelReason' },
      },
    },
    in_progress: {
      on: {
        'ticket.assign': { target: 'assigned', guard: 'isDifferentAgency', actions: 'recordAgency' },
        'ticket.resolve': { target: 'resolved', actions: 'recordResolution' },
        'ticket.cancel': { target: 'cancelled', actions: 'recordCancelReason' },
      },
    },
    resolved: {
      on: {
        'ticket.close': { target: 'closed' },
      },
    },
    closed: { type: 'final' },
    closed_first_contact: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export type TicketMachine = typeof ticketMachine;
