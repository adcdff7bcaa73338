-- Deadlines, working hours and escalation as data an administrator changes at run time.
-- A ticket copies the terms that applied when it was registered (tickets.sla), so a later change
-- applies to new tickets and never rewrites an old ticket's deadlines or alerts.

-- When an agency works, in the city's time zone. weekly_hours null: round the clock.
-- Otherwise {"mon": [["09:00","13:00"],["14:00","18:00"]], ...}; a missing day is closed.
create table business_calendars (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
  name_ru text not null,
  name_kk text not null,
  name_en text not null,
  weekly_hours jsonb,
  updated_at timestamptz not null default now()
);

create table calendar_holidays (
  calendar_id text not null references business_calendars (id) on delete cascade,
  day date not null,
  name text not null,
  primary key (calendar_id, day)
);

insert into business_calendars (id, name_ru, name_kk, name_en, weekly_hours) values
  ('round-the-clock', 'Круглосуточно', 'Тәулік бойы', 'Round the clock', null),
  ('office-hours', 'Пн–Пт 09:00–18:00, обед 13:00–14:00', 'Дс–Жм 09:00–18:00, түскі ас 13:00–14:00',
   'Mon–Fri 09:00–18:00, lunch 13:00–14:00',
   '{"mon":[["09:00","13:00"],["14:00","18:00"]],"tue":[["09:00","13:00"],["14:00","18:00"]],"wed":[["09:00","13:00"],["14:00","18:00"]],"thu":[["09:00","13:00"],["14:00","18:00"]],"fri":[["09:00","13:00"],["14:00","18:00"]]}');

-- Public holidays of the Republic of Kazakhstan in 2026 (days off; the government's yearly
-- transfers of working days are added by an administrator as they are announced).
insert into calendar_holidays (calendar_id, day, name) values
  ('office-hours', '2026-01-01', 'Новый год'),
  ('office-hours', '2026-01-02', 'Новый год'),
  ('office-hours', '2026-01-07', 'Православное Рождество'),
  ('office-hours', '2026-03-09', 'Международный женский день (перенос)'),
  ('office-hours', '2026-03-23', 'Наурыз мейрамы'),
  ('office-hours', '2026-03-24', 'Наурыз мейрамы'),
  ('office-hours', '2026-03-25', 'Наурыз мейрамы'),
  ('office-hours', '2026-05-01', 'Праздник единства народа Казахстана'),
  ('office-hours', '2026-05-07', 'День защитника Отечества'),
  ('office-hours', '2026-05-11', 'День Победы (перенос)'),
  ('office-hours', '2026-05-27', 'Курбан айт'),
  ('office-hours', '2026-07-06', 'День столицы'),
  ('office-hours', '2026-08-31', 'День Конституции (перенос)'),
  ('office-hours', '2026-10-26', 'День Республики (перенос)'),
  ('office-hours', '2026-12-16', 'День Независимости');

-- Crews on duty work round the clock; offices keep office hours.
alter table agencies add column calendar_id text not null default 'round-the-clock'
  references business_calendars (id);
update agencies set calendar_id = 'office-hours'
  where kind = 'akimat' or id in ('housing-inspection', 'greening-service', 'public-transport-operator');

-- Escalation: ordered levels, as on-call tools do it. Each level fires `delay_minutes` after its
-- trigger (the warning or the breach of one deadline) while its condition holds, notifies its target,
-- repeats a bounded number of times until acknowledged, and fires again when an acknowledgement is not
-- followed by action within ack_timeout_minutes.
create table escalation_policies (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
  name_ru text not null,
  name_kk text not null,
  name_en text not null,
  -- [{condition, trigger, delayMinutes, target, repeatCount, repeatIntervalMinutes, ackTimeoutMinutes}]
  levels jsonb not null,
  updated_at timestamptz not null default now()
);

insert into escalation_policies (id, name_ru, name_kk, name_en, levels) values
  ('standard', 'Стандартная эскалация', 'Стандартты эскалация', 'Standard escalation',
   '[{"condition":"not_acknowledged","trigger":"warning","delayMinutes":0,"target":"agency","repeatCount":2,"repeatIntervalMinutes":15,"ackTimeoutMinutes":60},
     {"condition":"not_acknowledged","trigger":"breach","delayMinutes":0,"target":"agency_head","repeatCount":2,"repeatIntervalMinutes":30,"ackTimeoutMinutes":60},
     {"condition":"not_resolved","trigger":"warning","delayMinutes":0,"target":"agency","repeatCount":1,"repeatIntervalMinutes":60,"ackTimeoutMinutes":240},
     {"condition":"not_resolved","trigger":"breach","delayMinutes":0,"target":"agency_head","repeatCount":2,"repeatIntervalMinutes":60,"ackTimeoutMinutes":240},
     {"condition":"not_resolved","trigger":"breach","delayMinutes":30,"target":"city_supervisors","repeatCount":2,"repeatIntervalMinutes":60,"ackTimeoutMinutes":240},
     {"condition":"not_resolved","trigger":"breach","delayMinutes":240,"target":"district_akimat","repeatCount":1,"repeatIntervalMinutes":240,"ackTimeoutMinutes":480}]'),
  ('emergency', 'Аварийная эскалация', 'Апаттық эскалация', 'Emergency escalation',
   '[{"condition":"not_acknowledged","trigger":"warning","delayMinutes":0,"target":"agency","repeatCount":3,"repeatIntervalMinutes":5,"ackTimeoutMinutes":15},
     {"condition":"not_acknowledged","trigger":"breach","delayMinutes":0,"target":"agency_head","repeatCount":3,"repeatIntervalMinutes":5,"ackTimeoutMinutes":15},
     {"condition":"not_acknowledged","trigger":"breach","delayMinutes":10,"target":"city_supervisors","repeatCount":3,"repeatIntervalMinutes":10,"ackTimeoutMinutes":30},
     {"condition":"not_resolved","trigger":"warning","delayMinutes":0,"target":"agency_head","repeatCount":2,"repeatIntervalMinutes":15,"ackTimeoutMinutes":30},
     {"condition":"not_resolved","trigger":"breach","delayMinutes":0,"target":"city_supervisors","repeatCount":3,"repeatIntervalMinutes":15,"ackTimeoutMinutes":30},
     {"condition":"not_resolved","trigger":"breach","delayMinutes":30,"target":"district_akimat","repeatCount":2,"repeatIntervalMinutes":30,"ackTimeoutMinutes":60}]');

-- Deadlines per category and priority. The most specific current row wins: (category, priority),
-- then (any category, priority), then the default (any, any). Changing a policy inserts a new row and
-- marks the old one superseded, so what applied when is kept.
create table sla_policies (
  id integer generated always as identity primary key,
  category_id text references categories (id),
  priority text check (priority in ('emergency', 'high', 'normal', 'low')),
  ack_minutes integer not null check (ack_minutes > 0),
  resolve_minutes integer not null check (resolve_minutes > 0),
  -- elapsed: wall-clock minutes (emergencies); business: minutes of the agency's working hours
  measure text not null check (measure in ('elapsed', 'business')),
  -- a warning goes out when this share of a deadline has passed
  warn_fraction double precision not null check (warn_fraction > 0 and warn_fraction < 1),
  escalation_policy_id text references escalation_policies (id),
  created_at timestamptz not null default now(),
  created_by integer references users (id),
  superseded_at timestamptz
);
create unique index sla_policies_current_idx
  on sla_policies (coalesce(category_id, ''), coalesce(priority, '')) where superseded_at is null;

-- Every category's own terms at its usual priority. Routine matters are measured in working time
-- on the agency's calendar: 480 business minutes are one working day of 8 hours.
insert into sla_policies (category_id, priority, ack_minutes, resolve_minutes, measure, warn_fraction,
                          escalation_policy_id)
select id, priority,
       case when priority in ('emergency', 'high') then ack_deadline_minutes
            else greatest(60, ack_deadline_minutes / 3) end,
       case when priority in ('emergency', 'high') then resolve_deadline_minutes
            else greatest(480, resolve_deadline_minutes / 3) end,
       case when priority in ('emergency', 'high') then 'elapsed' else 'business' end,
       0.75,
       case when priority = 'emergency' then 'emergency' else 'standard' end
from categories;

-- An operator may raise or lower a ticket's priority; these rows then apply.
insert into sla_policies (category_id, priority, ack_minutes, resolve_minutes, measure, warn_fraction,
                          escalation_policy_id) values
  (null, 'emergency', 15, 240, 'elapsed', 0.75, 'emergency'),
  (null, 'high', 60, 1440, 'elapsed', 0.75, 'standard'),
  (null, 'normal', 480, 4800, 'business', 0.75, 'standard'),
  (null, 'low', 960, 7200, 'business', 0.75, 'standard'),
  (null, null, 480, 4800, 'business', 0.75, 'standard');

-- The deadlines now live in sla_policies only.
alter table categories drop column ack_deadline_minutes;
alter table categories drop column resolve_deadline_minutes;

-- A ticket's priority, and its SLA terms and clocks (each pause cycle kept) as the engine tracks them.
alter table tickets add column priority text not null default 'normal'
  check (priority in ('emergency', 'high', 'normal', 'low'));
alter table tickets add column sla jsonb;
alter table tickets add column ack_warn_at timestamptz;
alter table tickets add column resolve_warn_at timestamptz;
create index tickets_resolve_due_idx on tickets (resolve_due_at) where closed_at is null;

-- Alerts: open → acknowledged → resolved, with a life of their own beside the ticket.
create table alerts (
  id integer generated always as identity primary key,
  ticket_id integer not null references tickets (id),
  -- which deadline: ack or resolve; manual for an escalation a person raised
  clock text not null check (clock in ('ack', 'resolve', 'manual')),
  -- position in the ticket's escalation levels (0-based); -1 for manual
  level integer not null,
  target text not null check (target in ('agency', 'agency_head', 'district_akimat', 'city_supervisors')),
  -- the agency whose room is told; null for the city's supervisors
  target_agency_id text references agencies (id),
  status text not null check (status in ('open', 'acknowledged', 'resolved')),
  -- times its target has been told (the first notice, repeats and re-triggers)
  notify_count integer not null default 1,
  reason text,
  opened_at timestamptz not null,
  last_notified_at timestamptz not null,
  acknowledged_at timestamptz,
  acknowledged_by integer references users (id),
  resolved_at timestamptz,
  resolution text
);
create unique index alerts_live_level_idx on alerts (ticket_id, clock, level) where status <> 'resolved';
create index alerts_live_idx on alerts (opened_at desc) where status <> 'resolved';
create index alerts_ticket_idx on alerts (ticket_id);

-- Everything that happened to an alert, append-only like the ticket log.
create table alert_events (
  seq bigint generated always as identity primary key,
  alert_id integer not null references alerts (id),
  type text not null check (type in ('raised', 'repeated', 'acknowledged', 'retriggered', 'resolved')),
  actor_user_id integer references users (id),
  at timestamptz not null,
  payload jsonb not null default '{}'
);
create index alert_events_alert_idx on alert_events (alert_id, seq);
create function refuse_append_only_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only (% refused)', tg_table_name, tg_op;
end;
$$;
create trigger alert_events_no_update before update or delete on alert_events
  for each row execute function refuse_append_only_change();
create trigger alert_events_no_truncate before truncate on alert_events
  for each statement execute function refuse_append_only_change();
