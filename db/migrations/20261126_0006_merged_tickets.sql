-- Thirty calls about one flooded street are one job: a ticket merged into an incident points at it,
-- waits in state `merged`, and is resolved with it.
alter table tickets add column merged_into_id integer references tickets (id);
create index tickets_merged_into_idx on tickets (merged_into_id) where merged_into_id is not null;
