-- The wall's backlog figures are recounted after every change, at most once a second. At 50,000
-- open tickets each recount read the whole tickets table (about 1.6 kB a row, with its snapshot)
-- and the whole event log, which on a two-core server held up the next transition by a tenth of a
-- second. With these two indexes each count reads only the open tickets or the day's events.

-- Open tickets (not in a final state): counts by agency, deadlines, and the longest-waiting ticket.
create index tickets_open_idx on tickets (agency_id, registered_at, id)
  include (state, resolve_due_at, ack_due_at)
  where state not in ('closed', 'closed_first_contact', 'cancelled');

-- The log by time: "closed today" and today's report read a day of it, not the whole log.
create index ticket_events_created_idx on ticket_events (created_at);
