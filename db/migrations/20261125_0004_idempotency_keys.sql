-- Idempotency-Key: a retried POST returns the first answer instead of doing the work twice.

create table idempotency_keys (
  user_id integer not null references users (id) on delete cascade,
  key text not null,
  -- method and path, and a hash of the body: the same key with another request is refused
  request_fingerprint text not null,
  -- null while the first request is still being processed
  status integer,
  response jsonb,
  created_at timestamptz not null,
  completed_at timestamptz,
  primary key (user_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
