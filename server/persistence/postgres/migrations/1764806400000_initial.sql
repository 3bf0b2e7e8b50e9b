-- Up Migration

-- The meetings index: what the lobby lists without loading a document.
CREATE TABLE meetings (
  id text PRIMARY KEY,
  title text NOT NULL,
  committee text NOT NULL,
  date text NOT NULL,
  status text NOT NULL,
  public boolean NOT NULL,
  roles jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Accounts. name_key is the name as compared (lower case, as the other stores compare it),
-- so uniqueness does not depend on the database's collation.
CREATE TABLE users (
  id text PRIMARY KEY,
  name text NOT NULL,
  name_key text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL
);

-- A meeting's compacted state. folded_seq is the highest update row folded into it.
CREATE TABLE meeting_states (
  meeting_id text PRIMARY KEY,
  state bytea NOT NULL,
  folded_seq bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Edits since the state, appended in group commits. batch names the commit a row came in,
-- so a commit whose outcome was unknown can be taken back when its edits are written again.
CREATE TABLE meeting_updates (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id text NOT NULL,
  batch uuid NOT NULL,
  update bytea NOT NULL
);
CREATE INDEX meeting_updates_meeting ON meeting_updates (meeting_id, seq);
CREATE INDEX meeting_updates_batch ON meeting_updates (batch);

-- Saved versions; pos keeps their order (two can share a time).
CREATE TABLE meeting_versions (
  pos bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meeting_id text NOT NULL,
  id text NOT NULL,
  at timestamptz NOT NULL,
  by_user text NOT NULL,
  label text NOT NULL,
  bytes integer NOT NULL,
  state bytea NOT NULL,
  UNIQUE (meeting_id, id)
);

-- A committee's own phrasebook, by the committee's name in lower case.
CREATE TABLE phrasebooks (
  committee_key text PRIMARY KEY,
  phrases jsonb NOT NULL
);

-- Signed-out sessions, each until it would have expired.
CREATE TABLE revoked_sessions (
  session_id text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX revoked_sessions_expiry ON revoked_sessions (expires_at);

-- Keys tokens and sessions are signed with; position 0 is the newest.
CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  secret bytea NOT NULL,
  created_at timestamptz NOT NULL,
  retired_at timestamptz,
  legacy boolean NOT NULL,
  position integer NOT NULL
);

-- Down Migration

DROP TABLE signing_keys;
DROP TABLE revoked_sessions;
DROP TABLE phrasebooks;
DROP TABLE meeting_versions;
DROP TABLE meeting_updates;
DROP TABLE meeting_states;
DROP TABLE users;
DROP TABLE meetings;
