package io.homeostat.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.IncidentQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 7, a cascade from one upstream: the database fails (a share of its calls drawn from
 * the seed, 60–100 %), and the AI triage service that reads from it and the web front end that
 * calls triage fail after it. The diagnosis names the database as the root, the one incident holds
 * all three services, recovery acts on the database only (fails its reads over to the replica),
 * nothing is done to the services downstream, and the incident resolves once verified.
 */
@Timeout(90)
class CascadingFailureTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {8_007L, 8_017L, 8_027L, 8_037L, 8_047L})
    void theDatabaseIsNamedRootAndOnlyItIsRemediated(long seed) {
        ManualClock clock = ManualClock.at(ChaosRig.T0);
        Random random = new Random(seed);
        ProviderRoute db = ProviderRoute.of("db", List.of("db:primary", "db:replica"));
        Upstream primary = new Upstream("db:primary", clock, seed);
        Upstream replica = new Upstream("db:replica", clock, seed);
        GuardConfig breaker = GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(3)).build();
        try (ChaosRig rig = ChaosRig.builder().clock(clock).route(db).probe("db:primary", () -> false)
                .config("db", breaker).config("ai", breaker)
                .dependsOn("ai:triage", "db:primary").dependsOn("web", "ai:triage")
                .settle(Duration.ofSeconds(10)).build()) {
            int rate = 10 + random.nextInt(30);
            Runnable traffic = () -> {
                for (int i = 0; i < rate; i++) {
                    catchThrowable(() -> rig.guards.guard("web").call(() -> rig.guards.guard("ai:triage").call(() -> {
                        String reads = db.current();
                        Upstream target = reads.equals("db:primary") ? primary : replica;
                        return rig.guards.guard(reads).call(() -> target.call("select"));
                    })));
                }
            };
            rig.seconds(20 + random.nextInt(20), traffic);
            primary.errorRate(0.6 + 0.4 * random.nextDouble());
            Instant fault = clock.instant();

            Optional<Diagnosis> diagnosis = Optional.empty();
            for (int second = 0; second < 30 && diagnosis.isEmpty(); second++) {
                rig.second(traffic);
                diagnosis = rig.loop.incidents().active().stream()
                        .flatMap(i -> rig.loop.diagnosis().latest(i.id()).stream()).findFirst();
            }
            assertThat(diagnosis).as("diagnosed within 30 s of the fault").isPresent();
            assertThat(diagnosis.get().rootService()).isEqualTo("db:primary");
            rig.seconds(150, traffic);

            List<Incident> incidents = rig.ports.incidents().list(IncidentQuery.all());
            assertThat(incidents).as("one incident for the whole cascade").singleElement().satisfies(i -> {
                assertThat(i.services()).contains("db:primary", "ai:triage");
                assertThat(i.status()).isEqualTo(IncidentStatus.RESOLVED);
            });
            assertThat(rig.ports.runs().startedSince(fault)).extracting(WorkflowRun::service).containsOnly("db:primary");
            assertThat(rig.actions.runs).as("nothing done to the services downstream").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.service()).isEqualTo("db:primary"));
            assertThat(rig.actions.of("failover")).hasSize(1);
            assertThat(db.current()).isEqualTo("db:replica");
        }
    }
}
