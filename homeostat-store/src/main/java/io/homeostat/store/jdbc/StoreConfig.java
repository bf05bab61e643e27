package io.homeostat.store.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the relational store connects, batches and spools. Immutable; validated on construction
 * (bad values are rejected with the field's name, never clamped). Start from {@link #defaults()}
 * and change what differs with the {@code with..} methods.
 *
 * @param jdbcUrl where the database is; default {@code jdbc:h2:file:./data/homeostat} (the
 *     embedded default). Must be an H2 ({@code jdbc:h2:}) or PostgreSQL ({@code jdbc:postgresql:}) URL.
 * @param user the database user; default {@code sa}
 * @param password the database password; default empty
 * @param schema the schema the tables live in, created by the migration if missing; default
 *     empty, meaning the connection's default schema
 * @param poolSize the most pooled connections; default 4, in [2, 64]: Flyway holds one connection
 *     for its lock on PostgreSQL while it migrates on another, and the batching writer holds one
 *     while readers need another
 * @param batchSize the most records written in one batch; default 100, in [1, 10,000]
 * @param flushInterval the longest a record waits before its batch is written; default 1 s, in
 *     [10 ms, 1 min]
 * @param spoolDirectory where records wait while the database is unreachable; default {@code ./data/spool}
 * @param spoolMaxBytes the largest the spool may grow; default 256 MiB, at least 1 MiB
 * @param connectTimeout how long a write waits for a connection before it spools its batch;
 *     default 2 s, in [250 ms, 1 min]. On PostgreSQL also the longest connecting and logging in
 *     may take (in whole seconds, at least one), except the first login when the store opens,
 *     which may take up to 10 s
 * @param socketTimeout on PostgreSQL, the longest a statement waits for the database's answer
 *     before its connection is given up as broken (pgjdbc's {@code socketTimeout}, in whole
 *     seconds; one in the JDBC URL wins); default 5 min, in [1 s, 1 h]. Without it a network that
 *     silently loses packets would hold a write, and the loop waiting on it, until TCP gives up
 *     (hours). It bounds waiting for an answer only: a request larger than the socket buffers can
 *     still block while being sent (about 15 minutes on Linux), and the server is not told to
 *     cancel a statement given up. It is long because the rollup job aggregates two hours of raw
 *     samples in one statement, which must not be given up on a large database.
 */
public record StoreConfig(
        String jdbcUrl,
        String user,
        String password,
        String schema,
        int poolSize,
        int batchSize,
        Duration flushInterval,
        Path spoolDirectory,
        long spoolMaxBytes,
        Duration connectTimeout,
        Duration socketTimeout) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /**
     * Validates the configuration.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException naming the component that is out of range or malformed
     */
    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "jdbcUrl must start with jdbc:h2: or jdbc:postgresql:, was '" + jdbcUrl + "'");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema (use the empty string for the default schema)");
        if (!schema.isEmpty() && !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException(
                    "schema must be a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63), was '" + schema + "'");
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be at least 2 (Flyway migrates on one connection while "
                    + "holding its lock on another, and the writer holds one while readers need another), was " + poolSize);
        }
        requireRange(poolSize, 2, 64, "poolSize");
        requireRange(batchSize, 1, 10_000, "batchSize");
        requireRange(flushInterval, Duration.ofMillis(10), Duration.ofMinutes(1), "flushInterval");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        if (spoolMaxBytes < 1 << 20) {
            throw new IllegalArgumentException("spoolMaxBytes must be at least 1 MiB (1048576), was " + spoolMaxBytes);
        }
        requireRange(connectTimeout, Duration.ofMillis(250), Duration.ofMinutes(1), "connectTimeout");
        requireRange(socketTimeout, Duration.ofSeconds(1), Duration.ofHours(1), "socketTimeout");
    }

    /** The embedded default: an H2 file database and its spool under {@code ./data}. */
    public static StoreConfig defaults() {
        return new StoreConfig("jdbc:h2:file:./data/homeostat", "sa", "", "", 4, 100, Duration.ofSeconds(1),
                Path.of("data", "spool"), 256L << 20, Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    /** This configuration with another database and credentials. */
    public StoreConfig withJdbc(String jdbcUrl, String user, String password) {
        return new StoreConfig(jdbcUrl, user, password, schema, poolSize, batchSize, flushInterval,
                spoolDirectory, spoolMaxBytes, connectTimeout, socketTimeout);
    }

    /** This configuration with another schema (empty for the connection's default). */
    public StoreConfig withSchema(String schema) {
        return new StoreConfig(jdbcUrl, user, password, schema, poolSize, batchSize, flushInterval,
                spoolDirectory, spoolMaxBytes, connectTimeout, socketTimeout);
    }

    /** This configuration with another pool size. */
    public StoreConfig withPoolSize(int poolSize) {
        return new StoreConfig(jdbcUrl, user, password, schema, poolSize, batchSize, flushInterval,
                spoolDirectory, spoolMaxBytes, connectTimeout, socketTimeout);
    }

    /** This configuration with another batch size and flush interval. */
    public StoreConfig withBatching(int batchSize, Duration flushInterval) {
        return new StoreConfig(jdbcUrl, user, password, schema, poolSize, batchSize, flushInterval,
                spoolDirectory, spoolMaxBytes, connectTimeout, socketTimeout);
    }

    /** This configuration with another spool directory and bound. */
    public StoreConfig withSpool(Path spoolDirectory, long spoolMaxBytes) {
        return new StoreConfig(jdbcUrl, user, password, schema, poolSize, batchSize, flushInterval,
                spoolDirectory, spoolMaxBytes, connectTimeout, socketTimeout);
    }

    /** This configuration with another connect timeout. */
    public StoreConfig withConnectTimeout(Duration connectTimeout) {
        return new StoreConfig(jdbcUrl, user, password, schema, poolSize, batchSize, flushInterval,
                spoolDirectory, spoolMaxBytes, connectTimeout, socketTimeout);
    }

    /** This configuration with another socket timeout (PostgreSQL). */
    public StoreConfig withSocketTimeout(Duration socketTimeout) {
        return new StoreConfig(jdbcUrl, user, password, schema, poolSize, batchSize, flushInterval,
                spoolDirectory, spoolMaxBytes, connectTimeout, socketTimeout);
    }

    /** The configuration with the password masked. */
    @Override
    public String toString() {
        return "StoreConfig[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "****")
                + ", schema=" + schema + ", poolSize=" + poolSize + ", batchSize=" + batchSize
                + ", flushInterval=" + flushInterval + ", spoolDirectory=" + spoolDirectory
                + ", spoolMaxBytes=" + spoolMaxBytes + ", connectTimeout=" + connectTimeout
                + ", socketTimeout=" + socketTimeout + "]";
    }

    private static void requireRange(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    private static void requireRange(Duration value, Duration min, Duration max, String field) {
        Objects.requireNonNull(value, field);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
