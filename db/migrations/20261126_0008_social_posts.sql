-- Posts from social networks (#astana109 mentions, channel messages, direct messages) that connectors
-- deliver by signed webhook. Each waits in the triage queue until an operator turns it into an appeal
-- (linked here) or dismisses it with a reason. The original post is kept as delivered.
create table social_posts (
  id integer generated always as identity primary key,
  source text not null check (source ~ '^[a-z0-9-]{2,32}$'),
  external_id text not null check (length(external_id) between 1 and 200),
  kind text not null check (kind in ('mention', 'channel', 'direct')),
  author_handle text,
  author_name text,
  text text not null,
  url text,
  lat double precision,
  lon double precision,
  posted_at timestamptz not null,
  received_at timestamptz not null,
  -- the post exactly as the connector sent it
  raw jsonb not null,
  status text not null default 'new' check (status in ('new', 'converted', 'dismissed')),
  ticket_id integer references tickets (id),
  dismiss_reason text,
  handled_by integer references users (id),
  handled_at timestamptz,
  -- a connector that delivers the same post twice (a retry, a replay) stores it once
  unique (source, external_id)
);
create index social_posts_triage_idx on social_posts (received_at) where status = 'new';
