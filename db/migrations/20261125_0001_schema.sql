-- Core schema: reference data, people, tickets and their append-only event log.

create table districts (
  id text primary key,
  name_ru text not null,
  name_kk text not null,
  name_en text not null,
  center_lat double precision not null,
  center_lon double precision not null
);

create table agencies (
  id text primary key,
  name_ru text not null,
  name_kk text not null,
  name_en text not null,
  kind text not null check (kind in ('utility', 'akimat', 'city_service', 'emergency')),
  district_id text references districts (id),
  phone text
);

create table categories (
  id text primary key,
  name_ru text not null,
  name_kk text not null,
  name_en text not null,
  default_agency_id text references agencies (id),
  -- routed to the akimat of the ticket's district instead of default_agency_id
  route_to_district_akimat boolean not null default false,
  priority text not null check (priority in ('emergency', 'high', 'normal', 'low')),
  ack_deadline_minutes integer not null check (ack_deadline_minutes > 0),
  resolve_deadline_minutes integer not null check (resolve_deadline_minutes > 0),
  -- relative frequency among appeals, used by the demo simulator and reports
  share_weight integer not null default 1 check (share_weight >= 0),
  sort_order integer not null default 100
);

create table users (
  id integer generated always as identity primary key,
  username text not null unique check (username ~ '^[a-z0-9._-]{2,64}$'),
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'supervisor', 'operator', 'agency', 'display')),
  agency_id text references agencies (id),
  created_at timestamptz not null default now(),
  disabled_at timestamptz,
  check ((role = 'agency') = (agency_id is not null))
);

create table sessions (
  -- sha-256 of the cookie token, so a leaked table does not hand out sessions
  token_hash text primary key,
  user_id integer not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table registration_counters (
  year integer primary key,
  last_value integer not null
);

create table tickets (
  id integer generated always as identity primary key,
  registration_number text unique,
  state text not null,
  snapshot jsonb not null,
  version integer not null,
  category_id text not null references categories (id),
  agency_id text references agencies (id),
  district_id text references districts (id),
  channel text not null check (channel in ('phone', 'telegram', 'social', 'web', 'open311')),
  lat double precision,
  lon double precision,
  address text,
  description text not null,
  reporter_name text,
  reporter_phone text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  registered_at timestamptz,
  closed_at timestamptz,
  ack_due_at timestamptz,
  resolve_due_at timestamptz
);
create index tickets_state_idx on tickets (state);
create index tickets_agency_state_idx on tickets (agency_id, state);
create index tickets_created_idx on tickets (created_at desc, id desc);
create index tickets_location_idx on tickets (lat, lon);

create table ticket_events (
  -- global, monotonically increasing: wall displays resume from the last seq they saw
  seq bigint generated always as identity primary key,
  ticket_id integer not null references tickets (id),
  type text not null,
  version integer not null,
  actor_user_id integer references users (id),
  actor_role text not null,
  from_state text,
  to_state text not null,
  payload jsonb not null,
  created_at timestamptz not null,
  unique (ticket_id, version)
);
create index ticket_events_ticket_idx on ticket_events (ticket_id, seq);

-- The audit trail is append-only: enforced here, not only in code.
create function ticket_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'ticket_events is append-only (% refused)', tg_op;
end;
$$;
create trigger ticket_events_no_update before update or delete on ticket_events
  for each row execute function ticket_events_append_only();
create trigger ticket_events_no_truncate before truncate on ticket_events
  for each statement execute function ticket_events_append_only();
