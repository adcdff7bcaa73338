-- API keys for Open311 intake (POST /open311/v2/requests), issued by administrators.
-- Only a sha-256 hash of each key is stored: the plain key is shown once, when it is issued.

create table open311_api_keys (
  id integer generated always as identity primary key,
  key_hash text not null unique,
  label text not null,
  created_at timestamptz not null,
  revoked_at timestamptz
);
