-- Silences outlive a restart (io.homeostat.engine.port.SilenceStore): before this version they
-- lived only in the alert manager's memory, so a restart in a maintenance window lost the window's
-- silence and the next detection paged. One row per silence not over yet: the alert manager saves
-- it when it is made, deletes it when it is ended early or runs out, and at start mutes with every
-- row whose end is still ahead (a row whose end passed while the server was down is audited as run
-- out and deleted). Creating and ending a silence stay in audit_record as before.
CREATE TABLE alert_silence (
    id          VARCHAR(200)  NOT NULL PRIMARY KEY,
    -- JSON array of {"label":..,"op":"equals"|"not_equals"|"regex","value":..}, all must match
    matchers    VARCHAR       NOT NULL,
    starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    author      VARCHAR(200)  NOT NULL,
    comment     VARCHAR       NOT NULL DEFAULT '',
    CHECK (ends_at > starts_at)
);
