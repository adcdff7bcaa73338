-- Which door each event came through: the intake channel for a new appeal (phone, telegram, social,
-- web, open311), `console` for staff working in Komek, `timer` for the engine's own deadlines and
-- timers, `system` for automatic steps (routing, merged appeals following their incident),
-- `simulator` for the demo. Events logged before this column have none (the log is never rewritten).
alter table ticket_events add column channel text;
