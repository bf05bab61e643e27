package io.homeostat.store.jdbc;

import io.homeostat.core.time.Clock;
import io.homeostat.core.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * How fast the control loop's own writes go (not a test; a program): for H2 (file) and PostgreSQL,
 * the loop's writes for {@code incidents} incidents ({@link LoopStateWrites}: 12 writes each —
 * incident saves and updates, timeline entries, a diagnosis, a run created and moved twice, two
 * step records) written straight to the database; the same number written while the database is
 * down (each forced to the loop-state spool before the call returns); and the replay of that spool
 * when the database is back. Prints one table. Argument: {@code incidents} (default 2,000).
 * PostgreSQL from {@code HOMEOSTAT_TEST_PG_URL} as in the tests, in a schema of its own, dropped after.
 */
final class LoopStateReplayRate {

    private static final Clock WALL = Clock.system();

    private LoopStateReplayRate() {}

    public static void main(String[] args) throws Exception {
        int incidents = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        System.out.printf("%-12s %14s %14s %14s%n", "database", "direct (w/s)", "spooled (w/s)", "replay (w/s)");
        Path h2 = Files.createTempDirectory("loop-state-rate");
        row("H2 (file)", TestDatabases.h2(h2), h2, incidents);
        String schema = TestDatabases.newSchemaName("looprate");
        Path pgSpool = Files.createTempDirectory("loop-state-rate-pg");
        try {
            row("PostgreSQL", TestDatabases.postgres(schema, pgSpool), pgSpool, incidents);
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void row(String name, StoreConfig config, Path directory, int incidents) {
        ManualClock clock = ManualClock.create();
        try (JdbcStore store = JdbcStore.open(config, clock.scheduler())) {
            SwitchableDataSource database = new SwitchableDataSource(store.dataSource());
            LoopJournal journal = LoopJournal.open(database, directory.resolve("rate-loop"), 1L << 30,
                    Duration.ofSeconds(1), clock.scheduler());
            var incidentStore = new JdbcIncidentStore(database, journal);
            var diagnoses = new JdbcDiagnosisStore(database, journal);
            var workflows = new JdbcWorkflowStore(database, clock, journal);
            long writes = (long) incidents * LoopStateWrites.WRITES_PER_INCIDENT;

            long start = WALL.monotonicNanos();
            for (int k = 0; k < incidents; k++) {
                LoopStateWrites.write(incidentStore, diagnoses, workflows, k);
            }
            double direct = writes / seconds(start);

            database.down();
            start = WALL.monotonicNanos();
            for (int k = incidents; k < 2 * incidents; k++) {
                LoopStateWrites.write(incidentStore, diagnoses, workflows, k);
            }
            double spooled = writes / seconds(start);

            database.up();
            clock.advance(Duration.ofSeconds(1));
            start = WALL.monotonicNanos();
            if (!journal.replay()) {
                throw new IllegalStateException("the replay did not finish: " + journal.stats());
            }
            double replay = writes / seconds(start);
            journal.close();
            if (TestDatabases.count(store, "workflow_step") != 4L * incidents) {
                throw new IllegalStateException("rows missing or twice after the replay");
            }
            System.out.printf(Locale.ROOT, "%-12s %,14.0f %,14.0f %,14.0f%n", name, direct, spooled, replay);
        }
    }

    private static double seconds(long start) {
        return (WALL.monotonicNanos() - start) / 1e9;
    }
}
