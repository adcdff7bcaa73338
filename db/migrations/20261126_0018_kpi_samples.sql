-- The wall's figures once a minute, so each KPI tile can draw its trend. One row per minute however
-- many processes sample (the first one wins); rows older than a week are pruned by the sampler.
create table kpi_samples (
  at timestamptz primary key,
  figures jsonb not null
);
