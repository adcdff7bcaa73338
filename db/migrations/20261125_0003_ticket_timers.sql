-- Durable timers: the engine's delayed machine events (XState keeps `after` timers in memory only).
-- server/timers/timer-worker.ts fires a row exactly once: it locks the row (FOR UPDATE SKIP LOCKED),
-- applies the event and deletes the row in one transaction. A row lives only while it is pending:
-- fired and cancelled timers are deleted, their history is in ticket_events.
create table ticket_timers (
  id bigint generated always as identity primary key,
  ticket_id integer not null references tickets (id),
  -- the XState delayed-event id; scheduling the same key again replaces the pending timer
  key text not null,
  -- the machine event to apply when the timer fires
  event jsonb not null,
  due_at timestamptz not null,
  created_at timestamptz not null,
  -- failed firing attempts so far, and the error of the last one
  attempts integer not null default 0,
  last_error text,
  -- after a failed attempt: not retried before this moment (the worker's backoff); null = due at due_at
  locked_until timestamptz,
  -- set when the worker gave up after its last attempt; the row stays for inspection and never fires
  failed_at timestamptz,
  unique (ticket_id, key)
);

-- The due scan walks this index in firing order; timers the worker gave up on drop out of it.
create index ticket_timers_due_idx on ticket_timers (due_at, id) where failed_at is null;

-- The few timers waiting out a retry backoff, so "when is the next one due" stays an index lookup.
create index ticket_timers_retry_idx on ticket_timers (locked_until)
  where locked_until is not null and failed_at is null;
