-- Attachments (photos, documents) from every channel. The bytes live in an attachment store under
-- their sha-256, stripped of metadata that could identify the resident; a row records each one.
-- Rows are never updated: a wrong attachment is removed, not changed.

create table attachments (
  id integer generated always as identity primary key,
  ticket_id integer not null references tickets (id),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  media_type text not null check (media_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  byte_size integer not null check (byte_size > 0),
  -- as the uploader named the file, sanitised; null when the channel gives no name
  original_name text check (char_length(original_name) between 1 and 255),
  -- null when no staff member uploaded it (a resident's web form, an integration)
  uploaded_by_user_id integer references users (id),
  channel text not null check (channel in ('console', 'web', 'telegram', 'social', 'open311')),
  created_at timestamptz not null
);
create index attachments_ticket_idx on attachments (ticket_id, id);

create function attachments_never_updated() returns trigger language plpgsql as $$
begin
  raise exception 'attachments rows are never updated';
end;
$$;
create trigger attachments_no_update before update on attachments
  for each row execute function attachments_never_updated();

-- "Already reported nearby": open appeals of one category filed in the last hours.
create index tickets_category_created_idx on tickets (category_id, created_at);

-- Idempotency-Key of the residents' public form, which has no user to key by: a sha-256 of the key.
create table public_idempotency_keys (
  key_hash text primary key,
  request_fingerprint text not null,
  -- null while the first request is still being processed
  status integer,
  response jsonb,
  created_at timestamptz not null,
  completed_at timestamptz
);
create index public_idempotency_keys_created_idx on public_idempotency_keys (created_at);
