-- Issue 4, "nothing lost": the control loop's own state (incidents, timelines, diagnoses, workflow
-- runs and step records) spools to disk while the database is unreachable and is replayed when it
-- returns. A replayed entry must insert nothing twice; incidents, runs and diagnoses have natural
-- keys, but timeline entries and step records are append-only rows numbered by an identity column.
-- Each now carries the id of the write that made it (NULL for rows written before this version):
-- a replay inserts a row only when no row has its write id. NULLs never collide in a unique index
-- on H2 or PostgreSQL.
ALTER TABLE incident_timeline ADD COLUMN write_id VARCHAR(64);
CREATE UNIQUE INDEX incident_timeline_write ON incident_timeline (write_id);

ALTER TABLE workflow_step ADD COLUMN write_id VARCHAR(64);
CREATE UNIQUE INDEX workflow_step_write ON workflow_step (write_id);
