package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.UpstreamCause;
import io.homeostat.engine.port.WorkflowStore;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import io.homeostat.engine.port.memory.StoreOutage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A stage that cannot reach its store does not stop the stages after it, and the tick does not throw. */
class ControlLoopStoreOutageTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final StoreOutage outage = new StoreOutage();
    private final List<EscalationRequest> requests = new CopyOnWriteArrayList<>();
    private final Escalation port = new Escalation() {
        @Override
        public EscalationDecision escalate(EscalationRequest request) {
            requests.add(request);
            return new EscalationDecision(true, 0, "carol", "paged");
        }

        @Override
        public void resolved(String incidentId, String who) {
        }

        @Override
        public Optional<UpstreamCause> upstreamCause(String service) {
            return Optional.empty();
        }
    };
    private final ControlLoop loop = ControlLoop.builder().clock(clock).bus(bus).incidents(new InMemoryIncidentStore())
            .runs(outage.wrap(WorkflowStore.class, new InMemoryWorkflowStore())).audit(new InMemoryAuditLog())
            .effectiveness(new InMemoryEffectivenessStore()).escalation(port).actions(ActionCatalog.of(List.of())).workflows(WorkflowCatalog.of(List.of()))
            .metrics((service, metric) -> OptionalDouble.empty()).build();

    @Test
    void theStagesAfterOneWhoseStoreIsAwayStillRunAndTheFailureIsCounted() {
        loop.incidents().observe(new Detection("d1", "threshold", Detection.Kind.THRESHOLD, Detection.Status.FIRING,
                new SeriesKey("payments", "error.rate"), "errors", "error-rate", Severity.CRITICAL, 0.9,
                "errors on payments", Map.of(), clock.instant()));
        outage.down(true);

        assertThatCode(loop::tick).doesNotThrowAnyException();
        assertThatCode(loop::tick).doesNotThrowAnyException();

        assertThat(outage.refused()).as("recovery tried to read its runs").isPositive();
        assertThat(loop.stageFailures()).containsEntry("recovery", 2L).containsEntry("incidents", 0L)
                .containsEntry("diagnosis", 0L).containsEntry("escalation", 0L);
        assertThat(requests).as("escalation ran after recovery failed").singleElement()
                .satisfies(r -> assertThat(r.trigger()).isEqualTo(EscalationTrigger.CRITICAL));

        outage.down(false);
        loop.tick();
        assertThat(loop.stageFailures()).as("the next tick tries again").containsEntry("recovery", 2L);
        loop.close();
    }
}
