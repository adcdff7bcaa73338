-- Wall displays log in by URL: a revocable token per screen, so nobody types a password at a wall.
-- Each token has a display user of its own; revoking disables that user, which ends its sessions.
create table display_tokens (
  id integer generated always as identity primary key,
  -- sha-256 of the token in the URL; the token itself is shown once, when created
  token_hash text not null unique,
  label text not null check (length(label) between 1 and 100),
  user_id integer not null references users (id),
  -- what the screen shows: {"rotate": ["city", "district:almaty", "agency:astana-su-arnasy"], "intervalSeconds": 30}
  view jsonb not null,
  created_by integer references users (id),
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
