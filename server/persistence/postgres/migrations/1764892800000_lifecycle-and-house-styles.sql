-- Up Migration

-- A meeting's status history, the items of it that approve earlier minutes, and the resolution
-- of a later meeting that approved its own (SPEC 15). JSON, checked by the record's schema on read.
ALTER TABLE meetings ADD COLUMN status_log jsonb;
ALTER TABLE meetings ADD COLUMN approves jsonb;
ALTER TABLE meetings ADD COLUMN approved_by jsonb;

-- A committee's house style, by the committee's name in lower case.
CREATE TABLE house_styles (
  committee_key text PRIMARY KEY,
  style jsonb NOT NULL
);

-- Down Migration

DROP TABLE house_styles;
ALTER TABLE meetings DROP COLUMN approved_by;
ALTER TABLE meetings DROP COLUMN approves;
ALTER TABLE meetings DROP COLUMN status_log;
