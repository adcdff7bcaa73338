-- The operator console looks a caller up by phone: "+7 701 123 45 67", "87011234567" and
-- "7011234567" are one caller. The last ten digits identify a Kazakh number whatever the prefix.
create index tickets_reporter_phone_idx on tickets (right(regexp_replace(reporter_phone, '[^0-9]', '', 'g'), 10))
  where reporter_phone is not null;
