package io.homeostat.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.AlertStore;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.BaselineStore;
import io.homeostat.engine.port.BreakerStateStore;
import io.homeostat.engine.port.RecoverySwitchStore;
import io.homeostat.engine.port.SilenceStore;
import io.homeostat.engine.port.DiagnosisStore;
import io.homeostat.engine.port.EffectivenessStore;
import io.homeostat.engine.port.IncidentStore;
import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.PatternStore;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.engine.port.WorkflowStore;
import io.homeostat.store.spool.Spool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * The relational knowledge store: a HikariCP pool on H2 or PostgreSQL, the schema migrated by
 * Flyway when it opens, and one batching writer that keeps writes off the callers' threads and
 * spools batches to disk while the database is unreachable.
 *
 * <p>Thread-safe. Open it once per process with {@link #open}; {@link #close()} writes what is
 * queued and releases the pool (spooled batches stay on disk for the next start).
 */
public final class JdbcStore implements AutoCloseable {

    /**
     * On PostgreSQL, the longest one of the loop's own writes (incidents, timelines, diagnoses,
     * workflow runs and steps) waits for the database's answer before it goes to the spool instead;
     * the socket timeout, if shorter, bounds it too.
     */
    public static final Duration LOOP_WRITE_DEADLINE = Duration.ofSeconds(5);

    /**
     * On PostgreSQL, the longest any other read or write of the stores (what the API, the loop and
     * alerting ask of them) waits for the database's answer before it fails as unavailable; the
     * socket timeout, if shorter, bounds it too. Only housekeeping's jobs (rollups, retention,
     * daily summaries), the batching writer and migrations wait for the socket timeout: their
     * statements can be long, and nobody waits for them.
     */
    public static final Duration STATEMENT_DEADLINE = Duration.ofSeconds(30);

    /** How long closing waits for a write the database does not answer before giving its connection up. */
    static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);
    /** The longest opening waits for its first login on PostgreSQL (unless the connect timeout is longer). */
    static final Duration OPENING_LOGIN_TIMEOUT = Duration.ofSeconds(10);

    private final StoreConfig config;
    private final Dialect dialect;
    private final HikariDataSource dataSource;
    /** The pool's connections bounded by {@link #STATEMENT_DEADLINE}: the stores' and the API's. */
    private final DataSource answers;
    private final BatchWriter writer;
    private final JdbcAuditLog auditLog;
    private final JdbcBreakerStateStore breakerStates;
    private final Clock clock;
    private final SequentialIds metricIds;
    private final JdbcIncidentStore incidents;
    private final JdbcAlertStore alerts;
    private final JdbcPatternStore patterns;
    private final JdbcBaselineStore baselines;
    private final JdbcEffectivenessStore effectiveness;
    private final JdbcWorkflowStore workflows;
    private final JdbcDiagnosisStore diagnoses;
    private final JdbcRecoverySwitchStore recoverySwitches;
    private final JdbcSilenceStore silences;
    private final JdbcActiveAlertStore activeAlerts;
    private final ApiTokenTable apiTokens;
    private final LoopJournal journal;

    private JdbcStore(StoreConfig config, Dialect dialect, HikariDataSource dataSource, BatchWriter writer,
            LoopJournal journal, Scheduler scheduler) {
        this.config = config;
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.answers = bounded(dataSource, config, dialect, STATEMENT_DEADLINE);
        this.writer = writer;
        this.journal = journal;
        this.auditLog = new JdbcAuditLog(answers, writer);
        this.breakerStates = new JdbcBreakerStateStore(answers, dialect, scheduler.clock());
        this.clock = scheduler.clock();
        this.metricIds = new SequentialIds(clock);
        this.incidents = new JdbcIncidentStore(answers, journal);
        this.alerts = new JdbcAlertStore(answers, writer);
        this.patterns = new JdbcPatternStore(answers);
        this.baselines = new JdbcBaselineStore(answers);
        this.effectiveness = new JdbcEffectivenessStore(answers);
        this.workflows = new JdbcWorkflowStore(answers, scheduler.clock(), journal);
        this.diagnoses = new JdbcDiagnosisStore(answers, journal);
        this.recoverySwitches = new JdbcRecoverySwitchStore(answers, dialect);
        this.silences = new JdbcSilenceStore(answers, dialect);
        this.activeAlerts = new JdbcActiveAlertStore(answers, dialect);
        this.apiTokens = new ApiTokenTable(answers);
    }

    /**
     * Connects, migrates the schema to the latest version, opens the spools (replaying what an
     * earlier run left there as soon as the database takes writes) and starts the writer. The
     * control loop's own writes spool to {@code loop-state} under the spool directory, bounded by
     * the same {@link StoreConfig#spoolMaxBytes()}.
     *
     * @param scheduler the time the writer's flush interval follows
     * @throws StoreUnavailableException if the database cannot be reached or migrated
     * @throws io.homeostat.store.spool.SpoolException if the spool directory cannot be used
     */
    public static JdbcStore open(StoreConfig config, Scheduler scheduler) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(scheduler, "scheduler");
        Dialect dialect = Dialect.of(config.jdbcUrl());
        String schema = dialect == Dialect.H2 ? config.schema().toUpperCase(Locale.ROOT) : config.schema();
        if (!schema.isEmpty()) {
            createSchema(config, dialect, schema);
        }
        HikariDataSource dataSource = pool(config, dialect, schema);
        try {
            migrate(dataSource, dialect, schema);
            Spool spool = Spool.open(config.spoolDirectory(), config.spoolMaxBytes());
            LoopJournal journal;
            try {
                DataSource loopWrites = bounded(dataSource, config, dialect, LOOP_WRITE_DEADLINE);
                journal = LoopJournal.open(loopWrites, loopStateSpool(config), config.spoolMaxBytes(),
                        config.flushInterval(), scheduler);
            } catch (RuntimeException e) {
                spool.close();
                throw e;
            }
            BatchWriter writer;
            try {
                writer = new BatchWriter(new BatchSink(dataSource, dialect), spool, config.batchSize(),
                        config.flushInterval(), scheduler);
            } catch (RuntimeException e) {
                journal.close();
                spool.close();
                throw e;
            }
            return new JdbcStore(config, dialect, dataSource, writer, journal, scheduler);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Queues a failure event for writing; returns at once unless 10,000 records (or 50 batches,
     * whichever is more) already wait in memory, in which case it waits for room.
     *
     * @throws IllegalStateException if the store is closed
     */
    public void write(FailureRecord failure) {
        writer.submit(FailureTable.INSTANCE, Objects.requireNonNull(failure, "failure"));
    }

    /**
     * Queues a raw metric sample for writing under a new id (time-ordered, see {@link SequentialIds}); returns at once unless
     * the in-memory queue is full, as for failure events.
     *
     * @throws IllegalStateException if the store is closed
     */
    public void write(MetricSample sample) {
        writer.submit(MetricTable.INSTANCE, new MetricRow(metricIds.next(), sample));
    }

    /** The audit trail; appends go through the batching writer. */
    public AuditLog auditLog() {
        return auditLog;
    }

    /** The breaker states; saves write through on the calling thread. */
    public BreakerStateStore breakerStates() {
        return breakerStates;
    }

    /**
     * The incidents and their timelines; writes run on the calling thread (the control loop's):
     * through the pool while the database answers, else to the durable loop-state spool, replayed
     * in order when it returns (reads see what waits there).
     */
    public IncidentStore incidents() {
        return incidents;
    }

    /** The alert history; appends run synchronously on the calling thread (the control loop's). */
    public AlertStore alerts() {
        return alerts;
    }

    /** The failure patterns; saves run synchronously on the calling thread (the control loop's). */
    public PatternStore patterns() {
        return patterns;
    }

    /** The latest baselines; saves run synchronously on the calling thread (the control loop's). */
    public BaselineStore baselines() {
        return baselines;
    }

    /** The learned effectiveness of actions; records run synchronously on the calling thread (the control loop's). */
    public EffectivenessStore effectiveness() {
        return effectiveness;
    }

    /**
     * The workflow runs, their step logs and idempotency claims; every call is durable when it
     * returns (the orchestrator must know a transition is durable before it acts): written through
     * the pool on the calling thread while the database answers, else forced to the loop-state
     * spool and replayed in order when it returns. Claims always need the database.
     */
    public WorkflowStore workflows() {
        return workflows;
    }

    /**
     * The diagnoses of incidents; saves run on the calling thread (the control loop's), through the
     * pool while the database answers, else to the loop-state spool as for incidents.
     */
    public DiagnosisStore diagnoses() {
        return diagnoses;
    }

    /** Recovery's run-time switches as people last set them; saves write through on the calling thread. */
    public RecoverySwitchStore recoverySwitches() {
        return recoverySwitches;
    }

    /** The alert silences not over yet; saves and removals write through on the calling thread. */
    public SilenceStore silences() {
        return silences;
    }

    /**
     * The alerts that have not resolved, with who acknowledged each; saves and removals write
     * through on the calling thread (the alert manager's).
     */
    public ActiveAlertStore activeAlerts() {
        return activeAlerts;
    }

    /** The server's API tokens (hashes, names and roles); reads and writes on the calling thread. */
    public ApiTokenTable apiTokens() {
        return apiTokens;
    }

    /**
     * Whether the database is one that several processes open ({@link #lease} is available): PostgreSQL,
     * not the embedded H2, whose file one process holds.
     */
    public boolean shared() {
        return dialect == Dialect.POSTGRESQL;
    }

    /**
     * The leader lease {@code name} of the distributed mode, kept in PostgreSQL (table
     * {@code leader_lease}); every replica that opens a store on the same database and asks for
     * the same name shares it. Its grants' expiry times follow the clock of the scheduler the
     * store was opened with; the expiry itself is judged by the database's clock.
     *
     * @param ttl how long a holding lasts unless renewed; at least 1 ms
     * @throws IllegalStateException if the store is on H2 (the embedded, single-process mode)
     * @throws IllegalArgumentException if {@code name} is blank or {@code ttl} is under 1 ms
     */
    public Lease lease(String name, Duration ttl) {
        if (dialect != Dialect.POSTGRESQL) {
            throw new IllegalStateException("the leader lease needs PostgreSQL; the store is on " + config.jdbcUrl());
        }
        return new JdbcLease(answers, name, ttl, clock);
    }

    /**
     * Blocks until everything written before is in the database or the spool.
     *
     * @throws IllegalStateException if the store is closed
     * @throws StoreUnavailableException if records were dropped since the previous flush: the
     *     database was unreachable and the spool full (see {@link WriterStats#droppedRecords()})
     */
    public void flush() {
        writer.flush();
    }

    /** The writer's counts: written, spooled, replayed, dropped, and the spool's fill. */
    public WriterStats stats() {
        return writer.stats();
    }

    /**
     * The counts of the control loop's own writes (incidents, timelines, diagnoses, runs, step
     * records): straight to the database, spooled, replayed, refused, and the loop-state spool's fill.
     */
    public LoopStateStats loopStateStats() {
        return journal.stats();
    }

    /**
     * Replays the loop-state spool now if the database answers (it is replayed anyway on a tick
     * every flush interval).
     *
     * @return whether nothing waits in it any more
     */
    public boolean replayLoopState() {
        return journal.replay();
    }

    /** Where the control loop's own writes spool: {@code loop-state} under the spool directory. */
    static java.nio.file.Path loopStateSpool(StoreConfig config) {
        return config.spoolDirectory().resolve("loop-state");
    }

    /** The pool itself, waiting for the socket timeout: for housekeeping's jobs. */
    DataSource dataSource() {
        return dataSource;
    }

    /** The connections of reads somebody waits for: bounded by {@link #STATEMENT_DEADLINE}. */
    DataSource answers() {
        return answers;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The configuration it was opened with. */
    public StoreConfig config() {
        return config;
    }

    /**
     * Writes what is queued (to the database or the spool), replays the loop-state spool once more
     * if the database answers, stops the writer and closes the pool.
     */
    @Override
    public void close() {
        try {
            // A database that does not answer holds a statement up to the socket timeout (5 min by default):
            // past CLOSE_PATIENCE the pool is closed under it, and what the writer holds goes to the spool.
            writer.close(CLOSE_PATIENCE, dataSource::close);
        } finally {
            try {
                journal.close();
            } finally {
                dataSource.close();
            }
        }
    }

    /**
     * The pool's connections waiting at most {@code deadline} (or the socket timeout, if shorter)
     * for an answer on PostgreSQL (see {@link AnswerDeadline}). H2 runs in this process: nothing to
     * wait for, the pool as it is.
     */
    private static DataSource bounded(HikariDataSource pool, StoreConfig config, Dialect dialect, Duration deadline) {
        if (dialect != Dialect.POSTGRESQL) {
            return pool;
        }
        return new AnswerDeadline(pool, config.socketTimeout().compareTo(deadline) < 0 ? config.socketTimeout() : deadline);
    }

    private static HikariDataSource pool(StoreConfig config, Dialect dialect, String schema) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("homeostat-store");
        hikari.setJdbcUrl(dialect == Dialect.H2 ? durableH2(config.jdbcUrl()) : config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(config.connectTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(config.connectTimeout().toMillis(), 1_000));
        hikari.setExceptionOverride(BrokenConnections.INSTANCE);
        if (!schema.isEmpty()) {
            hikari.setSchema(schema);
        }
        hikari.setDataSourceProperties(driverProperties(config, dialect));
        if (dialect == Dialect.POSTGRESQL) {
            hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("cannot connect to " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The H2 URL with {@code WRITE_DELAY=0} unless the URL sets it: H2 otherwise writes committed
     * transactions to its file up to 500 ms later, and a process killed in between loses them (a
     * claimed idempotency key among them, which would let an action run twice after a restart;
     * {@code WorkflowCrashResumeTest} caught it). Batched writes commit once per batch, so the cost
     * is one file write per batch.
     */
    static String durableH2(String url) {
        return url.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=") ? url : url + ";WRITE_DELAY=0";
    }

    /**
     * The driver's timeouts. On PostgreSQL, a TCP connect waits at most the connect timeout (in
     * whole seconds, at least one), and a read that waits longer than the socket timeout fails
     * and its connection is dropped as broken: a batch then spools instead of hanging on a network
     * that silently lost its packets. (The pool bounds its logins by the connect timeout itself.)
     * H2 has no such settings.
     */
    private static Properties driverProperties(StoreConfig config, Dialect dialect) {
        Properties properties = new Properties();
        if (dialect == Dialect.POSTGRESQL) {
            properties.setProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
            properties.setProperty("socketTimeout", String.valueOf(config.socketTimeout().toSeconds()));
            properties.setProperty("tcpKeepAlive", "true");
        }
        return properties;
    }

    /**
     * Creates the schema over a connection of its own, made before the pool. Its login waits at
     * most {@link #OPENING_LOGIN_TIMEOUT} (or the connect timeout if longer), where the driver
     * alone would wait forever for a database whose network silently lost its packets; it is the
     * process's first login, before anything is warm, so it gets more than the pool's.
     */
    private static void createSchema(StoreConfig config, Dialect dialect, String schema) {
        Properties properties = driverProperties(config, dialect);
        properties.setProperty("user", config.user());
        properties.setProperty("password", config.password());
        if (dialect == Dialect.POSTGRESQL) {
            long login = Math.max(OPENING_LOGIN_TIMEOUT.toSeconds(), config.connectTimeout().toSeconds());
            properties.setProperty("loginTimeout", String.valueOf(login));
        }
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), properties);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot create schema " + schema + " in " + config.jdbcUrl()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource, Dialect dialect, String schema) {
        try {
            SchemaMigrations.over(dataSource, dialect, schema).migrate();
        } catch (FlywayException e) {
            throw new StoreUnavailableException("cannot migrate the schema: " + e.getMessage(), e);
        }
    }
}
