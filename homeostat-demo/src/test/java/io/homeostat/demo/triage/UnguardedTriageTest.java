package io.homeostat.demo.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.demo.report.RunRecorder;
import io.homeostat.demo.upstream.SimulatedDatabase;
import org.junit.jupiter.api.Test;

/**
 * The triage application without guards (the baseline of the kernel's CPU overhead): the same
 * calls to the real upstreams on loopback, none of the kernel's answers when one fails.
 */
class UnguardedTriageTest {

    @Test
    void callsEveryDependencyDirectlyWithoutFallbacksAndTheOutboxStillKeepsWhatTheDatabaseRefuses() throws Exception {
        ManualClock clock = ManualClock.create();
        try (TriageSystem system = TriageSystem.start(clock, 7)) {
            RunRecorder recorder = new RunRecorder(clock);
            SimulatedDatabase database = system.databases().get(TriageSystem.DB_PRIMARY);
            AuditOutbox outbox = AuditOutbox.direct(database, clock.scheduler(), recorder::now);
            TriageApp app = TriageApp.unguarded(system, recorder, outbox, clock, 7);
            long pharma = system.upstream(TriageSystem.PHARMAGUARD).calls();

            for (int i = 0; i < 5; i++) {
                assertThat(app.triage()).isTrue();
            }
            assertThat(system.upstream(TriageSystem.PHARMAGUARD).calls() - pharma).isEqualTo(5);
            assertThat(database.rowCount()).isEqualTo(5);

            database.down(true);
            assertThat(app.triage()).as("no replica answers without guards").isFalse();
            assertThat(outbox.pending()).isEqualTo(1);
            database.down(false);
            assertThat(outbox.replay()).isZero();
            assertThat(outbox.lost()).isEmpty();

            system.upstream(TriageSystem.OPENAI).update(f -> f.withOutage(true));
            long deepseek = system.upstream(TriageSystem.DEEPSEEK).calls();
            assertThat(app.triage()).as("no other provider answers without guards").isFalse();
            assertThat(system.upstream(TriageSystem.DEEPSEEK).calls()).isEqualTo(deepseek);
            assertThat(recorder.requests()).isEqualTo(7);
            outbox.close();
        }
    }
}
