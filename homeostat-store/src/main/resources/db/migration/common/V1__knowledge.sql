-- The knowledge store, one schema for H2 (embedded default) and PostgreSQL.
-- Portable SQL only: times are TIMESTAMP WITH TIME ZONE, JSON is text (a PostgreSQL-only
-- migration may turn it into jsonb later), enumerations are lower-case labels with CHECKs where
-- the set is settled. Ids are chosen by the writer before the first attempt, so a replayed batch
-- inserts nothing twice.

-- MONITOR: raw metric samples and their rollups -------------------------------------------------
CREATE TABLE metric_sample (
    id            VARCHAR(64)      NOT NULL PRIMARY KEY,
    service       VARCHAR(200)     NOT NULL,
    metric        VARCHAR(200)     NOT NULL,
    sample_value  DOUBLE PRECISION NOT NULL,
    sampled_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    tags          VARCHAR          NOT NULL DEFAULT '{}'
);
CREATE INDEX metric_sample_series_time ON metric_sample (service, metric, sampled_at);
CREATE INDEX metric_sample_time ON metric_sample (sampled_at);

CREATE TABLE metric_rollup_minute (
    service       VARCHAR(200)     NOT NULL,
    metric        VARCHAR(200)     NOT NULL,
    bucket_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    sample_count  BIGINT           NOT NULL,
    value_sum     DOUBLE PRECISION NOT NULL,
    value_min     DOUBLE PRECISION NOT NULL,
    value_max     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (service, metric, bucket_start)
);
CREATE INDEX metric_rollup_minute_time ON metric_rollup_minute (bucket_start);

CREATE TABLE metric_rollup_hour (
    service       VARCHAR(200)     NOT NULL,
    metric        VARCHAR(200)     NOT NULL,
    bucket_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    sample_count  BIGINT           NOT NULL,
    value_sum     DOUBLE PRECISION NOT NULL,
    value_min     DOUBLE PRECISION NOT NULL,
    value_max     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (service, metric, bucket_start)
);
CREATE INDEX metric_rollup_hour_time ON metric_rollup_hour (bucket_start);

-- Baselines the detectors compare against (one per series and window length).
CREATE TABLE baseline (
    service         VARCHAR(200)     NOT NULL,
    metric          VARCHAR(200)     NOT NULL,
    window_seconds  BIGINT           NOT NULL,
    mean_value      DOUBLE PRECISION NOT NULL,
    median_value    DOUBLE PRECISION NOT NULL,
    stddev_value    DOUBLE PRECISION NOT NULL,
    p50             DOUBLE PRECISION NOT NULL,
    p95             DOUBLE PRECISION NOT NULL,
    p99             DOUBLE PRECISION NOT NULL,
    value_min       DOUBLE PRECISION NOT NULL,
    value_max       DOUBLE PRECISION NOT NULL,
    sample_count    BIGINT           NOT NULL,
    computed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (service, metric, window_seconds)
);
CREATE INDEX baseline_valid_until ON baseline (valid_until);

-- Failure events (io.homeostat.core.signal.FailureEvent plus what diagnosis adds) ----------------
CREATE TABLE failure_event (
    id                VARCHAR(64)   NOT NULL PRIMARY KEY,
    service           VARCHAR(200)  NOT NULL,
    category          VARCHAR(40)   NOT NULL,
    error_type        VARCHAR(300)  NOT NULL,
    severity          VARCHAR(16)   NOT NULL
        CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
    message           VARCHAR       NOT NULL DEFAULT '',
    stack_trace       VARCHAR       NOT NULL DEFAULT '',
    context           VARCHAR       NOT NULL DEFAULT '{}',
    detection_method  VARCHAR(40)   NOT NULL,
    user_id           VARCHAR(200)  NOT NULL DEFAULT '',
    request_id        VARCHAR(200)  NOT NULL DEFAULT '',
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved          BOOLEAN       NOT NULL DEFAULT FALSE,
    resolved_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX failure_event_time ON failure_event (occurred_at);
CREATE INDEX failure_event_service_time ON failure_event (service, occurred_at);
CREATE INDEX failure_event_type_time ON failure_event (error_type, occurred_at);
CREATE INDEX failure_event_category_time ON failure_event (category, occurred_at);
CREATE INDEX failure_event_unresolved ON failure_event (resolved, occurred_at);

-- ANALYZE: incidents, their timelines and diagnoses ----------------------------------------------
-- Being designed on another branch; expect a later migration to adjust these columns.
CREATE TABLE incident (
    id               VARCHAR(64)   NOT NULL PRIMARY KEY,
    fingerprint      VARCHAR(700)  NOT NULL,
    service          VARCHAR(200)  NOT NULL,
    category         VARCHAR(40)   NOT NULL,
    signature        VARCHAR(300)  NOT NULL,
    severity         VARCHAR(16)   NOT NULL
        CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
    status           VARCHAR(20)   NOT NULL
        CHECK (status IN ('open', 'diagnosed', 'remediating', 'resolved', 'escalated')),
    title            VARCHAR(500)  NOT NULL,
    detection_count  INTEGER       NOT NULL DEFAULT 1,
    flapping         BOOLEAN       NOT NULL DEFAULT FALSE,
    root_service     VARCHAR(200),
    opened_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX incident_status_opened ON incident (status, opened_at);
CREATE INDEX incident_service_opened ON incident (service, opened_at);
CREATE INDEX incident_fingerprint ON incident (fingerprint, opened_at);
CREATE INDEX incident_opened ON incident (opened_at);

CREATE TABLE incident_timeline (
    id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    incident_id  VARCHAR(64)   NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    entry_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    kind         VARCHAR(40)   NOT NULL,
    summary      VARCHAR(1000) NOT NULL,
    detail       VARCHAR       NOT NULL DEFAULT '{}'
);
CREATE INDEX incident_timeline_incident ON incident_timeline (incident_id, entry_at);

CREATE TABLE diagnosis (
    id                  VARCHAR(64)      NOT NULL PRIMARY KEY,
    incident_id         VARCHAR(64)      NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    classification      VARCHAR(20)      NOT NULL
        CHECK (classification IN ('auth', 'db', 'api', 'perf', 'integration', 'resource', 'config', 'network', 'unknown')),
    severity            VARCHAR(16)      NOT NULL
        CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
    confidence          DOUBLE PRECISION NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    probable_causes     VARCHAR          NOT NULL DEFAULT '[]',
    root_service        VARCHAR(200),
    classifier_version  VARCHAR(40)      NOT NULL,
    diagnosed_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX diagnosis_incident ON diagnosis (incident_id, diagnosed_at);

-- PLAN / EXECUTE: workflow executions and recovery actions ---------------------------------------
CREATE TABLE workflow_execution (
    id             VARCHAR(64)   NOT NULL PRIMARY KEY,
    workflow_name  VARCHAR(200)  NOT NULL,
    incident_id    VARCHAR(64),
    status         VARCHAR(20)   NOT NULL
        CHECK (status IN ('initiated', 'in_progress', 'succeeded', 'failed', 'rolled_back', 'awaiting_approval', 'cancelled')),
    priority       INTEGER       NOT NULL DEFAULT 0,
    current_step   INTEGER       NOT NULL DEFAULT 0,
    triggered_by   VARCHAR(200)  NOT NULL,
    state          VARCHAR       NOT NULL DEFAULT '{}',
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX workflow_execution_status ON workflow_execution (status, started_at);
CREATE INDEX workflow_execution_incident ON workflow_execution (incident_id);

CREATE TABLE recovery_action (
    id                     VARCHAR(64)   NOT NULL PRIMARY KEY,
    incident_id            VARCHAR(64),
    workflow_execution_id  VARCHAR(64)   REFERENCES workflow_execution (id),
    action_type            VARCHAR(100)  NOT NULL,
    strategy               VARCHAR(100)  NOT NULL,
    risk_level             VARCHAR(10)   NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high')),
    idempotency_key        VARCHAR(200),
    status                 VARCHAR(20)   NOT NULL
        CHECK (status IN ('initiated', 'in_progress', 'succeeded', 'failed', 'rolled_back')),
    automated              BOOLEAN       NOT NULL,
    triggered_by           VARCHAR(200)  NOT NULL,
    target                 VARCHAR(200)  NOT NULL,
    parameters             VARCHAR       NOT NULL DEFAULT '{}',
    result                 VARCHAR       NOT NULL DEFAULT '{}',
    duration_ms            BIGINT,
    started_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX recovery_action_started ON recovery_action (started_at);
CREATE INDEX recovery_action_incident ON recovery_action (incident_id);
CREATE INDEX recovery_action_workflow ON recovery_action (workflow_execution_id);
CREATE INDEX recovery_action_status ON recovery_action (status, started_at);
CREATE UNIQUE INDEX recovery_action_idempotency ON recovery_action (idempotency_key);

-- KNOWLEDGE: breaker states, error patterns ------------------------------------------------------
CREATE TABLE circuit_breaker_state (
    name                  VARCHAR(200)  NOT NULL PRIMARY KEY,
    state                 VARCHAR(20)   NOT NULL
        CHECK (state IN ('closed', 'open', 'half_open', 'forced_open', 'disabled')),
    window_calls          INTEGER       NOT NULL,
    window_failures       INTEGER       NOT NULL,
    window_slow_calls     INTEGER       NOT NULL,
    consecutive_failures  INTEGER       NOT NULL,
    consecutive_trips     INTEGER       NOT NULL,
    last_failure_at       TIMESTAMP WITH TIME ZONE,
    last_success_at       TIMESTAMP WITH TIME ZONE,
    opened_at             TIMESTAMP WITH TIME ZONE,
    next_retry_at         TIMESTAMP WITH TIME ZONE,
    transition_reason     VARCHAR(1000) NOT NULL,
    configuration         VARCHAR       NOT NULL DEFAULT '{}',
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Being designed on another branch; expect a later migration to adjust these columns.
CREATE TABLE error_pattern (
    id                  VARCHAR(64)      NOT NULL PRIMARY KEY,
    signature           VARCHAR(700)     NOT NULL UNIQUE,
    service             VARCHAR(200)     NOT NULL,
    category            VARCHAR(40)      NOT NULL,
    occurrence_count    BIGINT           NOT NULL DEFAULT 0,
    first_seen          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen           TIMESTAMP WITH TIME ZONE NOT NULL,
    associated_actions  VARCHAR          NOT NULL DEFAULT '[]',
    success_rate        DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (success_rate >= 0 AND success_rate <= 1),
    confidence          DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (confidence >= 0 AND confidence <= 1)
);
CREATE INDEX error_pattern_service ON error_pattern (service, last_seen);

-- Alerts: what reaches people. Being designed on another branch; expect adjustments.
CREATE TABLE alert (
    id                VARCHAR(64)   NOT NULL PRIMARY KEY,
    incident_id       VARCHAR(64),
    dedup_key         VARCHAR(700)  NOT NULL,
    severity          VARCHAR(16)   NOT NULL
        CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
    status            VARCHAR(20)   NOT NULL
        CHECK (status IN ('firing', 'acknowledged', 'resolved', 'silenced', 'escalated')),
    title             VARCHAR(500)  NOT NULL,
    body              VARCHAR       NOT NULL DEFAULT '',
    route             VARCHAR(200)  NOT NULL,
    escalation_level  INTEGER       NOT NULL DEFAULT 0,
    notified          VARCHAR       NOT NULL DEFAULT '[]',
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at   TIMESTAMP WITH TIME ZONE,
    acknowledged_by   VARCHAR(200),
    resolved_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX alert_status_created ON alert (status, created_at);
CREATE INDEX alert_dedup ON alert (dedup_key, created_at);
CREATE INDEX alert_incident ON alert (incident_id);

-- The audit trail: append-only (vendor migrations V2 refuse UPDATE and DELETE) --------------------
CREATE TABLE audit_record (
    id                VARCHAR(64)   NOT NULL PRIMARY KEY,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    actor             VARCHAR(200)  NOT NULL,
    action            VARCHAR(200)  NOT NULL,
    target            VARCHAR(200)  NOT NULL,
    reason            VARCHAR       NOT NULL,
    evidence          VARCHAR       NOT NULL DEFAULT '{}',
    operation_type    VARCHAR(20)
        CHECK (operation_type IN ('diagnostic', 'prescriptive', 'informational', 'administrative')),
    criticality       VARCHAR(20)
        CHECK (criticality IN ('life_critical', 'high', 'medium', 'low')),
    integrity         VARCHAR(20)   NOT NULL CHECK (integrity IN ('not_checked', 'passed', 'failed')),
    notified          VARCHAR       NOT NULL DEFAULT '[]',
    user_impact       VARCHAR(20)   NOT NULL CHECK (user_impact IN ('none', 'delay', 'degraded', 'unavailable'))
);
CREATE INDEX audit_record_time ON audit_record (recorded_at, id);
CREATE INDEX audit_record_actor ON audit_record (actor, recorded_at);
CREATE INDEX audit_record_action ON audit_record (action, recorded_at);
CREATE INDEX audit_record_target ON audit_record (target, recorded_at);

-- The daily self-healing summary ------------------------------------------------------------------
CREATE TABLE daily_summary (
    summary_date            DATE             NOT NULL PRIMARY KEY,
    error_count             BIGINT           NOT NULL,
    automated_recoveries    BIGINT           NOT NULL,
    successful_recoveries   BIGINT           NOT NULL,
    escalated               BIGINT           NOT NULL,
    mean_recovery_ms        BIGINT,
    availability            DOUBLE PRECISION CHECK (availability >= 0 AND availability <= 1),
    computed_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
