-- The escalations the alert manager follows outlive a restart
-- (io.homeostat.engine.port.ActiveAlertStore#saveEscalation): before this version they lived only
-- in memory, so after a restart an escalation that had reached the second on-call level paged the
-- first again, and one nobody had acknowledged waited a whole timeout more before it climbed. One
-- row per escalation: saved when it pages a level or is acknowledged, deleted when it ends. At start
-- the alert manager follows every row again as it was, without paging anybody; one nobody
-- acknowledged climbs at climbs_at (at once if that passed while the server was down).
CREATE TABLE open_escalation (
    -- an incident id, or 'alert:' and the fingerprint of an alert without one
    escalation_key  VARCHAR(200)  NOT NULL PRIMARY KEY,
    service         VARCHAR(200)  NOT NULL,
    severity        VARCHAR(16)   NOT NULL,
    summary         VARCHAR       NOT NULL DEFAULT '',
    -- the on-call level paged last, from 0
    level_index     INTEGER       NOT NULL,
    acknowledged    BOOLEAN       NOT NULL,
    flapping        BOOLEAN       NOT NULL,
    -- the triggers applied so far, comma-separated (CRITICAL,UNRESOLVED): one asked for once per
    -- incident is not applied again after a restart
    triggers        VARCHAR(200)  NOT NULL DEFAULT '',
    -- when it climbs to the next level unless acknowledged; NULL once acknowledged
    climbs_at       TIMESTAMP WITH TIME ZONE
);
