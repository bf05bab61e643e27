package io.homeostat.store.jdbc;

import static io.homeostat.store.jdbc.LoopStateWrites.WRITES_PER_INCIDENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.DuplicateIncidentException;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.StaleRunException;
import io.homeostat.engine.port.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control loop's own writes (incidents, timelines, diagnoses, runs, step records) while the
 * database cannot be reached: an H2 database behind a data source that can be taken down, the
 * loop-state spool in a temporary directory, time from a manual clock (the retry delay is 1 s).
 */
class LoopStateSpoolTest {

    private static final Duration RETRY = Duration.ofSeconds(1);

    @TempDir
    Path directory;

    private final ManualClock clock = ManualClock.at(LoopStateWrites.T0);
    private JdbcStore store;
    private SwitchableDataSource database;
    private Loop loop;

    /** The three stores over one journal. */
    private record Loop(LoopJournal journal, JdbcIncidentStore incidents, JdbcDiagnosisStore diagnoses,
            JdbcWorkflowStore workflows) {

        void write(int k) {
            LoopStateWrites.write(incidents, diagnoses, workflows, k);
        }

        void assertFound(int k) {
            LoopStateWrites.assertFound(incidents, diagnoses, workflows, k);
        }
    }

    @BeforeEach
    void open() {
        store = JdbcStore.open(TestDatabases.h2(directory), clock.scheduler()); // migrates; counts rows
        database = new SwitchableDataSource(store.dataSource());
        loop = loop(1L << 20);
    }

    @AfterEach
    void close() {
        loop.journal().close();
        store.close();
    }

    private Loop loop(long maxBytes) {
        LoopJournal journal = LoopJournal.open(database, directory.resolve("loop"), maxBytes, RETRY, clock.scheduler());
        return new Loop(journal, new JdbcIncidentStore(database, journal), new JdbcDiagnosisStore(database, journal),
                new JdbcWorkflowStore(database, clock, journal));
    }

    @Test
    void writesMadeDuringAnOutageAreReadDuringItAndLandExactlyOnceInOrderAfterwards() {
        loop.write(0);
        assertThat(loop.journal().stats().directWrites()).isEqualTo(WRITES_PER_INCIDENT);

        database.down();
        for (int k = 1; k <= 3; k++) {
            loop.write(k); // returns: durable in the spool
        }
        LoopStateStats during = loop.journal().stats();
        assertThat(during.spooledWrites()).isEqualTo(3 * WRITES_PER_INCIDENT);
        assertThat(during.pendingWrites()).isEqualTo(3 * WRITES_PER_INCIDENT);
        assertThat(during.failedAttempts()).as("one try, then the retry delay").isEqualTo(1);
        assertThat(during.spool().pendingEntries()).isEqualTo(3 * WRITES_PER_INCIDENT);

        for (int k = 1; k <= 3; k++) {
            loop.assertFound(k); // from memory: the database is down
        }
        assertThatThrownBy(() -> loop.incidents().find(LoopStateWrites.incidentId(0)))
                .as("what only the database holds needs the database").isInstanceOf(StoreUnavailableException.class);

        database.up(); // back, but the retry delay has not passed: nothing replayed yet
        assertThat(loop.incidents().list(IncidentQuery.all())).as("stored and waiting, each once, newest first")
                .containsExactly(LoopStateWrites.resolved(3), LoopStateWrites.resolved(2), LoopStateWrites.resolved(1),
                        LoopStateWrites.resolved(0));
        assertThat(loop.workflows().startedSince(LoopStateWrites.T0)).containsExactly(LoopStateWrites.done(0),
                LoopStateWrites.done(1), LoopStateWrites.done(2), LoopStateWrites.done(3));
        assertThat(loop.workflows().active()).isEmpty();
        assertThat(loop.diagnoses().recent(LoopStateWrites.T0, 10)).containsExactly(LoopStateWrites.diagnosis(3),
                LoopStateWrites.diagnosis(2), LoopStateWrites.diagnosis(1), LoopStateWrites.diagnosis(0));
        assertThat(TestDatabases.count(store, "incident")).isEqualTo(1);

        clock.advance(RETRY);
        assertThat(loop.journal().replay()).as("everything replayed").isTrue();
        LoopStateStats after = loop.journal().stats();
        assertThat(after.replayedWrites()).isEqualTo(3 * WRITES_PER_INCIDENT);
        assertThat(after.pendingWrites()).isZero();
        assertThat(after.rejectedWrites()).isZero();
        assertThat(after.spool().pendingEntries()).isZero();
        LoopStateWrites.assertRowsExactlyOnce(store, 4);
        for (int k = 0; k <= 3; k++) {
            loop.assertFound(k); // from the database now
        }
        LoopStateWrites.assertFound(store.incidents(), store.diagnoses(), store.workflows(), 2);

        loop.write(4);
        assertThat(loop.journal().stats().directWrites()).as("straight to the database again")
                .isEqualTo(2 * WRITES_PER_INCIDENT);
    }

    @Test
    void writesDoNotWaitWhileAReplayWaitsForTheDatabaseToAnswer() throws Exception {
        database.down();
        loop.write(0); // finds the database gone: spooled
        database.up();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        database.holdConnections(entered, release); // back, but slow to give a connection

        clock.advance(RETRY); // the tick starts a replay, on a thread of its own
        assertThat(entered.await(30, TimeUnit.SECONDS)).as("the replay waits for a connection").isTrue();
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> loop.write(1));

        assertThatCode(() -> write.get(30, TimeUnit.SECONDS)).as("the write did not wait for the replay")
                .doesNotThrowAnyException();
        assertThat(loop.journal().stats().pendingWrites()).as("spooled behind what waits").isEqualTo(2 * WRITES_PER_INCIDENT);
        release.countDown();
        assertThat(loop.journal().replay()).as("everything replayed").isTrue();
        LoopStateWrites.assertRowsExactlyOnce(store, 2);
        loop.assertFound(0);
        loop.assertFound(1);
    }

    @Test
    void aDatabaseThatRefusesEveryWriteForNowKeepsTheSpooledWritesInsteadOfDroppingThem() {
        database.down();
        loop.write(1);
        database.refusing("25006"); // read-only after a failover: not the rows' fault

        clock.advance(RETRY);
        assertThat(loop.journal().replay()).isFalse();
        assertThat(loop.journal().stats().rejectedWrites()).as("nothing dropped").isZero();
        assertThat(loop.journal().stats().pendingWrites()).isEqualTo(WRITES_PER_INCIDENT);
        loop.assertFound(1);

        database.up();
        clock.advance(RETRY);
        assertThat(loop.journal().replay()).isTrue();
        LoopStateWrites.assertRowsExactlyOnce(store, 1);
        assertThat(loop.journal().stats().replayedWrites()).isEqualTo(WRITES_PER_INCIDENT);
    }

    @Test
    void whatWaitsIsCheckedAsTheDatabaseWouldAndAClaimIsNeverMadeWithoutIt() {
        database.down();
        loop.write(1);
        long waiting = loop.journal().stats().pendingWrites();

        assertThatThrownBy(() -> loop.incidents().save(LoopStateWrites.opened(1)))
                .isInstanceOf(DuplicateIncidentException.class);
        assertThatThrownBy(() -> loop.workflows().update(LoopStateWrites.acting(1)))
                .as("version 2 again, while version 3 waits").isInstanceOf(StaleRunException.class);
        assertThatThrownBy(() -> loop.workflows().claim("inc-1/run-1/step#0", LoopStateWrites.runId(1)))
                .as("a claim needs the database").isInstanceOf(StoreUnavailableException.class);
        loop.diagnoses().save(LoopStateWrites.diagnosis(1)); // the same diagnosis again: nothing happens
        assertThat(loop.journal().stats().pendingWrites()).isEqualTo(waiting);

        database.up();
        clock.advance(RETRY);
        assertThat(loop.journal().replay()).isTrue();
        assertThat(loop.workflows().claim("inc-1/run-1/step#0", LoopStateWrites.runId(1))).isTrue();
        assertThat(loop.workflows().claim("inc-1/run-1/step#0", LoopStateWrites.runId(1))).isFalse();
        LoopStateWrites.assertRowsExactlyOnce(store, 1);
    }

    @Test
    void aReplayRepeatedAfterACrashInsertsNothingTwice() throws IOException {
        database.down();
        loop.write(0);
        loop.write(1);
        loop.journal().close(); // the database is down: everything stays in the spool
        Path spooled = directory.resolve("loop-copy");
        copy(directory.resolve("loop"), spooled);

        loop = loop(1L << 20); // a restart, the database still down
        assertThat(loop.journal().stats().recoveredWrites()).isEqualTo(2 * WRITES_PER_INCIDENT);
        loop.assertFound(0);
        loop.assertFound(1);

        database.up();
        assertThat(loop.journal().replay()).isTrue();
        LoopStateWrites.assertRowsExactlyOnce(store, 2);
        loop.journal().close();

        // as if the process died before the spool recorded that it had replayed anything
        copy(spooled, directory.resolve("loop"));
        loop = loop(1L << 20);
        assertThat(loop.journal().stats().recoveredWrites()).isEqualTo(2 * WRITES_PER_INCIDENT);
        assertThat(loop.journal().replay()).isTrue();
        assertThat(loop.journal().stats().replayedWrites()).isEqualTo(2 * WRITES_PER_INCIDENT);
        LoopStateWrites.assertRowsExactlyOnce(store, 2);
        loop.assertFound(0);
        loop.assertFound(1);
    }

    @Test
    void anOlderWaitingStateNeverOverwritesANewerOneInTheDatabase() {
        loop.incidents().save(LoopStateWrites.opened(0));
        loop.workflows().create(LoopStateWrites.created(0));
        database.down();
        loop.incidents().update(LoopStateWrites.diagnosed(0));
        loop.workflows().update(LoopStateWrites.acting(0));

        // meanwhile the database took newer states from elsewhere (another replica)
        store.incidents().update(LoopStateWrites.resolved(0));
        store.workflows().update(LoopStateWrites.acting(0));
        store.workflows().update(LoopStateWrites.done(0));

        database.up();
        clock.advance(RETRY);
        assertThat(loop.journal().replay()).isTrue();
        assertThat(store.incidents().find(LoopStateWrites.incidentId(0))).contains(LoopStateWrites.resolved(0));
        assertThat(store.workflows().find(LoopStateWrites.runId(0))).contains(LoopStateWrites.done(0));
        assertThat(loop.journal().stats().rejectedWrites()).isZero();
    }

    @Test
    void aWriteTheFullSpoolCannotTakeFailsAndIsCounted() {
        loop.journal().close();
        loop = loop(2_000);
        database.down();
        assertThatThrownBy(() -> IntStream.range(0, 10).forEach(loop::write))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("spool is full");
        LoopStateStats stats = loop.journal().stats();
        assertThat(stats.refusedWrites()).isEqualTo(1);
        assertThat(stats.pendingWrites()).isEqualTo(stats.spooledWrites()).isPositive();
        assertThat(loop.incidents().find(LoopStateWrites.incidentId(0))).as("what was spooled is kept").isPresent();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
