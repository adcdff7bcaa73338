-- Whether a ticket's resolution clock stands still (on hold, or merged and waiting), kept beside the
-- clock it is derived from: the wall's map reads it for every open ticket, and digging it out of
-- the `sla` JSON for 50,000 rows took four times as long as the rest of the row. Same rule as the
-- ticket mapper: no outcome yet and no cycle running (the last one stopped, or none started).
alter table tickets add column sla_paused boolean generated always as (
  coalesce(
    sla->'resolve'->>'outcome' is null
      and (jsonb_array_length(sla->'resolve'->'cycles') = 0
           or sla->'resolve'->'cycles'->-1->>'stoppedAt' is not null),
    false)
) stored;
