-- Rate limits of the public doors as token buckets in the database, so every Komek process behind a
-- balancer counts against one limit and a restart forgets nothing. A bucket holds up to `capacity`
-- tokens and gains `capacity` per period; each request takes one (db/queries/rate-limits.ts).
create table rate_limit_buckets (
  -- which limit: 'public-reports'
  scope text not null check (length(scope) between 1 and 64),
  -- who is counted: an IPv4 address or an IPv6 /64 (server/public/rate-limit.ts clientKey)
  client_key text not null check (length(client_key) between 1 and 128),
  -- what was left after the last request, fractions included (refill is continuous)
  tokens double precision not null check (tokens >= 0),
  -- requests refused since the last one allowed: 0 when the last was allowed
  refused_in_row integer not null default 0 check (refused_in_row >= 0),
  updated_at timestamptz not null,
  -- when the bucket is full again; past it the row says no more than a missing one, and is pruned
  full_at timestamptz not null,
  primary key (scope, client_key)
);
create index rate_limit_buckets_full_at_idx on rate_limit_buckets (full_at);
