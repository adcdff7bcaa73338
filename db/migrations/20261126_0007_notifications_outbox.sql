-- Notifications: who hears about a ticket besides staff, and one outbox for every message sent.

-- The resident who filed a ticket, on the channel they used (a Telegram chat, an e-mail address, a
-- phone for SMS, a social post to reply under). A ticket may have several.
create table ticket_subscribers (
  id integer generated always as identity primary key,
  ticket_id integer not null references tickets (id),
  channel text not null check (channel in ('telegram', 'email', 'sms', 'connector')),
  address text not null check (length(address) between 1 and 500),
  locale text not null default 'ru' check (locale in ('ru', 'kk', 'en')),
  created_at timestamptz not null,
  unique (ticket_id, channel, address)
);

-- Every message, written in the transaction of the event that causes it (so none is lost and none
-- is sent for a change that rolled back), then delivered with retries and backoff by the outbox
-- worker. Rows stay as the delivery record shown on the ticket.
create table outbox_messages (
  id bigint generated always as identity primary key,
  ticket_id integer references tickets (id),
  -- the event that caused it
  event_seq bigint,
  channel text not null check (channel in ('telegram', 'email', 'sms', 'connector')),
  address text not null,
  locale text not null check (locale in ('ru', 'kk', 'en')),
  -- what happened, for the template: registered, state_changed, ...
  kind text not null,
  -- what the template needs (registration number, state, resolution...)
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  -- pending: not tried before this moment (first try, a backoff, or the lease of a delivery in flight)
  next_attempt_at timestamptz not null,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz
);
create index outbox_messages_due_idx on outbox_messages (next_attempt_at, id) where status = 'pending';
create index outbox_messages_ticket_idx on outbox_messages (ticket_id, id);
