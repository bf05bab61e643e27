/**
 * KNOWLEDGE, relational: {@link io.homeostat.store.jdbc.JdbcStore} keeps what the loop knows in
 * H2 (the embedded default, a file under {@code ./data}) or PostgreSQL, with one set of Flyway
 * migrations for both. Failure events, metric samples and audit records go through one batching
 * writer (batch size or flush interval, idempotent inserts by id) and fall back to the durable
 * spool while the database is away. Implements the engine's {@code AuditLog} and
 * {@code BreakerStateStore} ports, and {@code IncidentStore}, {@code AlertStore},
 * {@code PatternStore}, {@code BaselineStore}, {@code EffectivenessStore}, {@code WorkflowStore}
 * and {@code DiagnosisStore} (and, on PostgreSQL, {@code Lease}), whose writes run on the caller's
 * thread (the control loop's, never an application's) through the pool. The control loop's own
 * state — incidents and their timelines, diagnoses, workflow runs and their step records — is
 * written through the pool while the database answers and to a second durable spool
 * ({@code loop-state}) while it does not, replayed in order and idempotently when it returns, and
 * read back meanwhile from what waits there; idempotency claims always need the database. Adds the
 * reads the API needs ({@link io.homeostat.store.jdbc.FailureStatistics}) and raw-sample retention
 * ({@link io.homeostat.store.jdbc.RetentionJob}).
 */
package io.homeostat.store.jdbc;
