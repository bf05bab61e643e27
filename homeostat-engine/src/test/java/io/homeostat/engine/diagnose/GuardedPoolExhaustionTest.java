package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.Guard;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.DetectorChain;
import io.homeostat.engine.detect.DetectorChainBuilder;
import io.homeostat.engine.detect.series.OperationSampler;
import io.homeostat.engine.diagnose.rule.DiagnosisRules;
import io.homeostat.engine.incident.IncidentTracker;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole analyze path on the kernel's own signals: 100 calls a second through a guard on the
 * database, then the pool runs dry and every call fails the way HikariCP fails. The standard
 * detector chain opens an incident from the sampler's error rate; the diagnosis stage, fed by the
 * guard's own failure events, names the database, pool exhaustion, and the rule and evidence.
 */
class GuardedPoolExhaustionTest {

    @Test
    void aDryPoolBehindAGuardIsDiagnosedAsConnectionPoolExhaustion() throws Exception {
        ManualClock clock = ManualClock.create();
        List<Diagnosis> diagnoses = new ArrayList<>();
        try (InProcessSignalBus bus = InProcessSignalBus.manual()) {
            Guard guard = Guard.builder("db:primary").clock(clock).signalBus(bus).build();
            IncidentTracker tracker = IncidentTracker.builder(new InMemoryIncidentStore()).clock(clock).build();
            RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
            Diagnoser diagnoser = Diagnoser.builder(DiagnosisRules.defaults()).signals(recent).clock(clock).build();
            DiagnosisStage stage = DiagnosisStage.attach(tracker, diagnoser, clock, Duration.ofSeconds(5));
            stage.listen(diagnoses::add);
            DetectorChain chain = DetectorChainBuilder.standard(clock, baseline -> {}).build();
            chain.attach(bus, tracker::observe);
            recent.attach(bus);
            try (OperationSampler sampler = OperationSampler.create(() -> List.of(guard), bus, clock.scheduler())) {
                sampler.start();
                Cancellable ticking = stage.start(clock.scheduler(), Duration.ofSeconds(1));
                try {
                    for (int call = 0; call < 100 * 45; call++) {
                        boolean dry = call >= 100 * 30;
                        catchThrowable(() -> guard.call(() -> {
                            clock.advanceMillis(4);
                            if (dry) {
                                throw new SQLTransientConnectionException(
                                        "HikariPool-1 - Connection is not available, request timed out after 30000ms.");
                            }
                            return "row";
                        }));
                        clock.advanceMillis(6);
                        bus.drain();
                    }
                } finally {
                    ticking.cancel();
                }
            }
        }

        assertThat(diagnoses).singleElement().satisfies(d -> {
            assertThat(d.rootService()).isEqualTo("db:primary");
            assertThat(d.category()).isEqualTo(DiagnosisCategory.DATABASE);
            assertThat(d.causes().getFirst().cause()).isEqualTo("connection pool exhaustion");
            assertThat(d.explanations()).extracting(Explanation::rule)
                    .contains("database-pool-exhausted", "database-connection");
            Explanation pool = d.explanations().stream().filter(e -> e.rule().equals("database-pool-exhausted"))
                    .findFirst().orElseThrow();
            assertThat(pool.evidence().getFirst()).contains("java.sql.SQLTransientConnectionException",
                    "message contains \"connection is not available\"");
            assertThat(d.impact().basis()).isEqualTo(Impact.Basis.CALLS_RATE);
            assertThat(d.impact().trafficShare()).isEqualTo(1.0);
        });
    }
}
