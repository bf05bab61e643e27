package io.homeostat.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.IncidentQuery;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 6, a flapping database: the primary drops out for 20–40 s every ten minutes or so
 * (lengths drawn from the seed), nine times in 100 minutes; writes go to the primary, reads through
 * the route. The first outage is recovered (failover to the replica, verified); later ones are
 * new incidents of the same fingerprint until the tracker marks the fourth flapping. From then on
 * the healer does nothing more however often the primary drops (no remediation storm: the daily
 * caps, cooldown and flap hold keep the actions to a handful) and the incident is escalated at once,
 * as flapping.
 */
@Timeout(90)
class FlappingDependencyTest {

    private static final long SEED = 8_006L;
    private static final int OUTAGES = 9;

    @Test
    void aFlappingDatabaseGetsAHandfulOfActionsThenOnlyPeople() {
        ManualClock clock = ManualClock.at(ChaosRig.T0);
        ProviderRoute db = ProviderRoute.of("db", List.of("db:primary", "db:replica"));
        Upstream primary = new Upstream("db:primary", clock, SEED);
        Upstream replica = new Upstream("db:replica", clock, SEED);
        try (ChaosRig rig = ChaosRig.builder().clock(clock).route(db).probe("db:primary", () -> !primary.isDown())
                .config("db", GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(3)).build())
                .build()) {
            Random random = new Random(SEED);
            Runnable traffic = () -> {
                for (int i = 0; i < 5; i++) {
                    catchThrowable(() -> rig.guards.guard("db:primary").call(() -> primary.call("insert")));
                    String reads = db.current();
                    Upstream target = reads.equals("db:primary") ? primary : replica;
                    catchThrowable(() -> rig.guards.guard(reads).call(() -> target.call("select")));
                }
            };
            rig.seconds(30, traffic);
            int actionsWhenFlapping = -1;
            int outagesAfterFlapping = 0;
            for (int outage = 0; outage < OUTAGES; outage++) {
                if (actionsWhenFlapping >= 0) {
                    outagesAfterFlapping++;
                }
                primary.down(true);
                rig.seconds(20 + random.nextInt(20), traffic);
                primary.down(false);
                rig.seconds(600 + random.nextInt(60), traffic);
                if (actionsWhenFlapping < 0 && rig.loop.incidents().active().stream().anyMatch(Incident::flapping)) {
                    actionsWhenFlapping = rig.actions.runs.size();
                    Incident marked = rig.loop.incidents().active().stream().filter(Incident::flapping).findFirst()
                            .orElseThrow();
                    assertThat(marked.status()).as("escalated as soon as it is marked flapping")
                            .isEqualTo(IncidentStatus.ESCALATED);
                    assertThat(rig.escalation.requests).as("under its own trigger, before the unresolved rule")
                            .filteredOn(r -> r.incidentId().equals(marked.id())).extracting(r -> r.trigger())
                            .contains(EscalationTrigger.FLAPPING).doesNotContain(EscalationTrigger.UNRESOLVED);
                }
            }

            List<Incident> incidents = rig.ports.incidents().list(IncidentQuery.all());
            assertThat(incidents).as("one incident per flap until it is marked flapping").hasSize(4);
            Incident flapping = incidents.stream().filter(Incident::flapping).findFirst().orElseThrow();
            assertThat(flapping.status()).isEqualTo(IncidentStatus.ESCALATED);
            assertThat(rig.escalation.requests).filteredOn(r -> r.incidentId().equals(flapping.id()))
                    .filteredOn(r -> r.trigger() == EscalationTrigger.FLAPPING).as("once per incident").hasSize(1);
            assertThat(rig.escalation.requests).filteredOn(r -> r.trigger() == EscalationTrigger.RECOVERY_FAILED)
                    .as("failed recoveries reach people").isNotEmpty();

            assertThat(outagesAfterFlapping).as("the primary kept flapping").isGreaterThanOrEqualTo(4);
            assertThat(rig.actions.runs).as("nothing acts once the incident flaps").hasSize(actionsWhenFlapping);
            assertThat(rig.actions.of("failover")).as("failed over once; later outages find the reads moved already")
                    .hasSize(1);
            assertThat(rig.actions.runs).as("a handful of actions for " + OUTAGES + " outages").hasSizeLessThanOrEqualTo(
                    4 * 3 + 2);
        }
    }
}
