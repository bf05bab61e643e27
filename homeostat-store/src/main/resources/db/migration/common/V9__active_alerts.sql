-- Alerts that have not resolved outlive a restart, and so does who acknowledged them
-- (io.homeostat.engine.port.ActiveAlertStore): before this version the alert manager kept them only
-- in memory, so after a restart the alerts of incidents still open were gone from /api/v1/alerts
-- and an acknowledged alert paged again when its detection came back. One row per alert firing:
-- saved when it starts firing and when it is acknowledged, deleted when it resolves (a report that
-- only refreshes it is not written). At start the alert manager fires every row again as it was;
-- an acknowledged one is neither notified nor escalated again. alert_event keeps the history.
CREATE TABLE active_alert (
    -- Labels.fingerprint(): 16 hex digits of the labels
    fingerprint      VARCHAR(64)   NOT NULL PRIMARY KEY,
    -- JSON object of the labels (service, severity, category, incident, ...)
    labels           VARCHAR       NOT NULL,
    summary          VARCHAR       NOT NULL DEFAULT '',
    starts_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- who acknowledged it since it (last) started firing; '' if nobody
    acknowledged_by  VARCHAR(200)  NOT NULL DEFAULT ''
);
