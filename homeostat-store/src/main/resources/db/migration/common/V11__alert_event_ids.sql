-- Alert events are written through the batching writer (and its spool while the database is away),
-- which inserts idempotently by id: a batch replayed after a crash adds nothing twice. Rows written
-- before this migration keep a NULL id (NULLs never collide).
ALTER TABLE alert_event ADD COLUMN id VARCHAR(64);
CREATE UNIQUE INDEX alert_event_id ON alert_event (id);
