package io.homeostat.bench.store;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.h2.tools.Server;

/**
 * Sustained write rate of the store's batching writer (default batch 100) to PostgreSQL and to
 * H2, beside a plain JDBC batch insert of the same rows (one commit per batch of the same size,
 * and one commit per 10 batches, which is what the store's group commit reaches under load; same
 * driver settings) in the same run; then the spool's replay rate into PostgreSQL after an
 * outage. Prints a table.
 *
 * <p>Arguments: {@code [records] [batchSize]}, default 100,000 and 100. PostgreSQL from
 * {@code HOMEOSTAT_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user
 * postgres); every run writes into a schema of its own and drops it. H2 files go to a temporary
 * directory that is deleted.
 */
public final class StoreWriteBenchmark {

    private static final Clock CLOCK = Clock.system();
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    /** The store's group commit: up to this many waiting batches per transaction; the second baseline commits as often. */
    private static final int GROUP = 10;

    private StoreWriteBenchmark() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        String pgUrl = env("HOMEOSTAT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String pgUser = env("HOMEOSTAT_TEST_PG_USER", "postgres");
        Path work = Files.createTempDirectory("homeostat-store-bench");
        List<String> lines = new ArrayList<>();
        try {
            warmUp(pgUrl, pgUser, work, batch);
            Target pg = new Target("PostgreSQL", schema -> StoreConfig.defaults().withJdbc(pgUrl, pgUser, "")
                    .withSchema(schema).withSpool(work.resolve("spool-" + schema), 256L << 20)
                    .withBatching(batch, Duration.ofSeconds(1)), pgUrl, pgUser, true);
            Target h2 = new Target("H2 (file)", schema -> StoreConfig.defaults()
                    .withJdbc("jdbc:h2:file:" + work.resolve("h2-" + schema).toAbsolutePath(), "sa", "")
                    .withSpool(work.resolve("spool-" + schema), 256L << 20).withBatching(batch, Duration.ofSeconds(1)),
                    null, "sa", false);
            for (Target target : List.of(pg, h2)) {
                double plain = plainJdbc(target, records, batch);
                double store = storeWriter(target, records);
                double plainGrouped = plainJdbc(target, records, batch * GROUP);
                System.out.printf(Locale.ROOT, "%s: store %,.0f/s, plain %,.0f/s, plain x%d %,.0f/s%n", target.name(),
                        store, plain, GROUP, plainGrouped);
                lines.add(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f | %,.0f | %.2f |", target.name(),
                        store, plain, store / plain, plainGrouped, store / plainGrouped));
            }
            double replay = replay(pg, work, records, batch);
            System.out.println();
            System.out.printf(Locale.ROOT, "%,d records (metric samples), batch %d, one writer thread%n", records, batch);
            System.out.printf(Locale.ROOT, "| database | store writer (records/s) | plain JDBC, %d per commit | ratio "
                    + "| plain JDBC, %d per commit | ratio |%n", batch, batch * GROUP);
            System.out.println("|---|---|---|---|---|---|");
            lines.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "%nspool replay into PostgreSQL after an outage: %,.0f records/s%n", replay);
        } finally {
            delete(work);
        }
    }

    /** Where a run writes: a store configuration per fresh schema, and how plain JDBC reaches the same database. */
    private record Target(String name, java.util.function.Function<String, StoreConfig> config, String plainUrl,
            String user, boolean postgres) {}

    private static void warmUp(String pgUrl, String pgUser, Path work, int batch) throws SQLException {
        Target pg = new Target("warm-up", schema -> StoreConfig.defaults().withJdbc(pgUrl, pgUser, "")
                .withSchema(schema).withSpool(work.resolve("spool-" + schema), 256L << 20)
                .withBatching(batch, Duration.ofSeconds(1)), pgUrl, pgUser, true);
        plainJdbc(pg, 20_000, batch);
        storeWriter(pg, 20_000);
    }

    private static double storeWriter(Target target, int records) {
        String schema = newSchema();
        StoreConfig config = target.config().apply(schema);
        try (JdbcStore store = JdbcStore.open(config, Scheduler.system())) {
            MetricSample[] samples = samples(records);
            long start = CLOCK.monotonicNanos();
            for (MetricSample s : samples) {
                store.write(s);
            }
            store.flush();
            long elapsed = CLOCK.monotonicNanos() - start;
            if (store.stats().writtenRecords() != records) {
                throw new IllegalStateException("wrote " + store.stats().writtenRecords() + " of " + records);
            }
            return records * 1e9 / elapsed;
        } finally {
            dropSchema(target, schema);
        }
    }

    /** The same rows with a plain JDBC batch insert: one connection, {@code batch} rows per executeBatch and commit. */
    private static double plainJdbc(Target target, int records, int batch) throws SQLException {
        String schema = newSchema();
        StoreConfig config = target.config().apply(schema);
        JdbcStore.open(config, Scheduler.system()).close(); // only to create and migrate the schema
        String url = target.plainUrl() != null ? target.plainUrl() : config.jdbcUrl();
        MetricSample[] samples = samples(records);
        try (Connection c = DriverManager.getConnection(url, props(target.user()))) {
            if (target.postgres()) {
                c.setSchema(schema);
            }
            c.setAutoCommit(false);
            long start = CLOCK.monotonicNanos();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO metric_sample "
                    + "(id, service, metric, sample_value, sampled_at, tags) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < records; i++) {
                    MetricSample m = samples[i];
                    s.setString(1, UUID.randomUUID().toString());
                    s.setString(2, m.service());
                    s.setString(3, m.metric());
                    s.setDouble(4, m.value());
                    s.setObject(5, OffsetDateTime.ofInstant(m.time(), ZoneOffset.UTC));
                    s.setString(6, "{}");
                    s.addBatch();
                    if ((i + 1) % batch == 0 || i == records - 1) {
                        s.executeBatch();
                        c.commit();
                    }
                }
            }
            return records * 1e9 / (CLOCK.monotonicNanos() - start);
        } finally {
            dropSchema(target, schema);
        }
    }

    /**
     * Spools {@code records} while an H2 server of our own is stopped, then opens a store on
     * PostgreSQL over that spool and times until every record is replayed.
     */
    private static double replay(Target pg, Path work, int records, int batch) throws Exception {
        Path spool = work.resolve("replay-spool");
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir",
                work.resolve("replay-h2").toString()).start();
        StoreConfig down = StoreConfig.defaults().withJdbc("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/replay", "sa", "")
                .withSpool(spool, 1L << 30).withBatching(batch, Duration.ofSeconds(1))
                .withConnectTimeout(Duration.ofMillis(250));
        try (JdbcStore store = JdbcStore.open(down, Scheduler.system())) {
            server.stop();
            for (MetricSample s : samples(records)) {
                store.write(s);
            }
            store.flush();
            if (store.stats().spooledRecords() < records * 0.9) {
                throw new IllegalStateException("only " + store.stats().spooledRecords() + " records were spooled");
            }
        }
        String schema = newSchema();
        StoreConfig up = pg.config().apply(schema).withSpool(spool, 1L << 30).withBatching(batch, Duration.ofMillis(10));
        long start = CLOCK.monotonicNanos();
        try (JdbcStore store = JdbcStore.open(up, Scheduler.system())) {
            long pending = store.stats().spool().pendingEntries();
            while (store.stats().spool().pendingEntries() > 0) {
                CLOCK.sleep(Duration.ofMillis(5));
            }
            long elapsed = CLOCK.monotonicNanos() - start;
            System.out.printf(Locale.ROOT, "replayed %,d spooled batches (%,d records)%n", pending,
                    store.stats().replayedRecords());
            return store.stats().replayedRecords() * 1e9 / elapsed;
        } finally {
            dropSchema(pg, schema);
        }
    }

    private static MetricSample[] samples(int records) {
        MetricSample[] samples = new MetricSample[records];
        for (int i = 0; i < records; i++) {
            samples[i] = new MetricSample("service-" + (i % 50), "latency.p95", i * 0.25, T0.plusMillis(i),
                    java.util.Map.of());
        }
        return samples;
    }

    private static String newSchema() {
        return "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void dropSchema(Target target, String schema) {
        if (!target.postgres()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(target.plainUrl(), props(target.user()));
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop schema " + schema + ": " + e.getMessage());
        }
    }

    private static Properties props(String user) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", "");
        p.setProperty("reWriteBatchedInserts", "true"); // as the store sets it (H2 ignores it)
        return p;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void delete(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
