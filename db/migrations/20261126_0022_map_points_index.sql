-- A wall loading reads every open ticket's map fields (50,000 on a bad day). From the table that is
-- a walk over every row's whole width, snapshot included (~80 MB at that size); this index holds
-- just those fields of just the open tickets (~6 MB), so the read is answered from it.
create index tickets_map_points_idx on tickets (id)
  include (version, lat, lon, district_id, agency_id, state, sla_paused,
           ack_due_at, ack_warn_at, resolve_due_at, resolve_warn_at)
  where state not in ('closed', 'closed_first_contact', 'cancelled');
