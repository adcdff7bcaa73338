// The browser may not import runtime code from server/ (SvelteKit's server-only guard), so the
// lists of states and channels come from the workflow's plain type module, their single source.
export {
  FINAL_TICKET_STATES,
  TICKET_CHANNELS,
  TICKET_STATES,
} from '../../../workflows/ticket/ticket.types.ts';
