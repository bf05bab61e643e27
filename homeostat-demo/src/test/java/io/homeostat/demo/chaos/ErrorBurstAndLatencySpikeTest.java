package io.homeostat.demo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.IncidentQuery;
import io.homeostat.engine.port.AuditRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenarios 4 and 5 on the first AI provider: an error burst (30 % of calls fail, drawn from the
 * seed) and a latency spike (every call takes 2.5 s). Each is detected by the default threshold
 * rules, diagnosed on the provider, recovered by the shipped failover workflow and verified on
 * fresh readings, and its incident resolves.
 */
@Timeout(90)
class ErrorBurstAndLatencySpikeTest {

    private static final long SEED = 8_005L;
    private static final List<String> PROVIDERS = List.of("llm:openai", "llm:deepseek", "llm:gemini");

    private final ProviderRoute llm = ProviderRoute.of("llm", PROVIDERS);
    private final ChaosRig rig = ChaosRig.builder().route(llm).build();
    private final Map<String, Upstream> upstreams = new LinkedHashMap<>();
    private final Triage triage;

    ErrorBurstAndLatencySpikeTest() {
        PROVIDERS.forEach(p -> upstreams.put(p, new Upstream(p, rig.clock, SEED)));
        triage = new Triage(rig.guards::guard, llm, upstreams, rig.clock, SEED);
    }

    @Test
    void anErrorBurstIsDetectedWithinASecondFailedOverVerifiedAndResolved() {
        rig.seconds(30, () -> triage.requests(50));
        upstreams.get("llm:openai").errorRate(0.3);
        Instant burst = rig.clock.instant();

        rig.seconds(90, () -> triage.requests(50));

        Incident incident = only(allIncidents());
        assertThat(incident.services()).contains("llm:openai");
        assertThat(Duration.between(burst, incident.openedAt())).as("MTTD").isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertRecoveredByFailover(incident, burst, Duration.ofSeconds(60));
        assertThat(triage.failedWithoutGuidance).isZero();
        assertThat(triage.safetyViolations).isZero();
    }

    @Test
    void aLatencySpikeIsDetectedAfterTheRuleHoldFailedOverVerifiedAndResolved() {
        rig.seconds(30, () -> triage.requests(20));
        upstreams.get("llm:openai").latencyMillis(2_500);
        Instant spike = rig.clock.instant();

        // each slow call takes 2.5 s of the clock: one request per second keeps the pace
        rig.seconds(300, () -> triage.requests(1));

        Incident incident = only(allIncidents());
        assertThat(incident.services()).contains("llm:openai");
        assertThat(incident.fingerprints()).anySatisfy(f -> assertThat(f).contains("latency"));
        assertThat(Duration.between(spike, incident.openedAt()))
                .as("slow calls fill the 60 s latency window, then the rule holds for 1 min")
                .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120));
        assertRecoveredByFailover(incident, spike, Duration.ofSeconds(180));
        assertThat(triage.served(TierKind.PRIMARY)).isEqualTo(triage.requests);
    }

    private void assertRecoveredByFailover(Incident opened, Instant faultAt, Duration mttrBound) {
        Incident incident = rig.ports.incidents().find(opened.id()).orElseThrow();
        assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
        WorkflowRun run = only(rig.ports.runs().startedSince(Instant.EPOCH).stream().filter(r -> r.incidentId().equals(incident.id())).toList());
        assertThat(run.workflow()).isEqualTo("ai-provider-failure");
        assertThat(run.phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(llm.current()).isEqualTo("llm:deepseek");
        assertThat(rig.actions.of("failover")).singleElement().satisfies(r -> assertThat(r.service()).isEqualTo("llm:openai"));
        List<AuditRecord> trail = rig.ports.audit().query(AuditQuery.between(Instant.EPOCH, rig.clock.instant().plusSeconds(1))
                .target("incident:" + incident.id()));
        Instant succeeded = trail.stream().filter(r -> r.action().equals("recovery.run.succeeded")).findFirst()
                .orElseThrow().time();
        assertThat(Duration.between(faultAt, succeeded)).as("MTTR, with the 30 s verification hold")
                .isLessThanOrEqualTo(mttrBound);
        assertThat(rig.escalation.requests).as("nothing needed a person").isEmpty();
    }

    private List<Incident> allIncidents() {
        return rig.ports.incidents().list(IncidentQuery.all());
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.getFirst();
    }
}
