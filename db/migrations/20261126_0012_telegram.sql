-- The Telegram bot: each chat's conversation (the appeal being filled in), the updates already
-- processed (Telegram retries a webhook it did not hear back from), and the photos residents sent.

-- One row per private chat: where the resident is in the conversation and what they have told so
-- far. Kept in the database so a restart mid-conversation loses nothing; `version` guards against
-- two deliveries of updates from one chat being applied over each other.
create table telegram_conversations (
  chat_id bigint primary key,
  locale text not null check (locale in ('ru', 'kk', 'en')),
  step text not null check (step in ('idle', 'language', 'category', 'location', 'photo', 'description', 'confirm')),
  -- the appeal so far (category, location or address, photo, description), parsed on read
  draft jsonb not null default '{}',
  version integer not null default 1,
  updated_at timestamptz not null
);

-- Updates already handled, by bot (the token's numeric id) and update_id: a redelivered update is
-- skipped. Written in the transaction of the update's effect, so a rolled-back one can be retried.
-- Telegram redelivers within hours; rows older than a week are pruned.
create table telegram_updates (
  bot_id bigint not null,
  update_id bigint not null,
  chat_id bigint,
  processed_at timestamptz not null,
  primary key (bot_id, update_id)
);
create index telegram_updates_processed_idx on telegram_updates (processed_at);

-- The photo a resident sent with an appeal, as Telegram's file id, written with the ticket. The bot
-- then downloads it (getFile) into the ticket's attachments; until it has (`attachment_id` null:
-- not yet, or the download failed), the file id still lets it be fetched while the token is the same.
create table telegram_ticket_photos (
  ticket_id integer not null references tickets (id),
  chat_id bigint not null,
  file_id text not null check (length(file_id) between 1 and 500),
  file_unique_id text not null check (length(file_unique_id) between 1 and 200),
  attachment_id integer references attachments (id),
  created_at timestamptz not null,
  primary key (ticket_id, file_unique_id)
);
