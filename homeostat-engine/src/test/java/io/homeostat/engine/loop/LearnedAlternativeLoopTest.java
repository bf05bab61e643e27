package io.homeostat.engine.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.LogEscalation;
import io.homeostat.engine.detect.Detector;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RecoveryOutcome;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.engine.port.memory.InMemoryAuditLog;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import io.homeostat.engine.port.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A step offering alternatives, in the whole loop: the learner's evidence on the incident's
 * fingerprint picks the remedy that worked before, and the audit trail says why.
 */
class LearnedAlternativeLoopTest {

    private static final String WORKFLOWS = """
            workflows:
              - name: relieve
                trigger: [error_threshold]
                services: ["*"]
                timeout: 30m
                steps:
                  - name: relieve
                    alternatives:
                      - {action: clear, params: {what: cache}}
                      - {action: restart, params: {how: gently}}
            """;

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private final Detector trouble = new TroubleDetector();

    private Action action(String name) {
        return new Action() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public RiskLevel risk(Map<String, String> params) {
                return RiskLevel.LOW;
            }

            @Override
            public ActionResult run(ActionRequest request) {
                ran.add(name + " " + request.params());
                return ActionResult.of(name + " done");
            }
        };
    }

    private final ControlLoop loop = ControlLoop.builder().clock(clock).bus(bus).incidents(new InMemoryIncidentStore())
            .runs(new InMemoryWorkflowStore()).audit(log).effectiveness(new InMemoryEffectivenessStore())
            .escalation(LogEscalation.to(line -> { }))
            .actions(ActionCatalog.of(List.of(action("clear"), action("restart"))))
            .metrics((service, metric) -> OptionalDouble.empty()).detector(trouble).settle(Duration.ofSeconds(10))
            .learning(io.homeostat.engine.learn.EffectivenessConfig.ofDefaults().withExplorationShare(0))
            .workflows(WorkflowCatalog.of(WorkflowReader.read("test.yaml", WORKFLOWS))).build();

    @Test
    void theRemedyThatWorkedOnThisProblemBeforeIsChosenAndTheTrailSaysWhy() {
        bus.publish(new MetricSample("orders", "trouble", 1, clock.instant(), Map.of()));
        bus.drain();
        loop.tick();
        Incident incident = loop.incidents().active().getFirst();
        Problem seen = new Problem(incident.fingerprint(), "earlier");
        for (int i = 0; i < 9; i++) {
            loop.learner().record(RecoveryOutcome.success("old-r" + i, seen, "restart", Duration.ofSeconds(30),
                    clock.instant().minus(Duration.ofDays(2))));
        }
        for (int i = 0; i < 4; i++) {
            loop.learner().record(RecoveryOutcome.failure("old-c" + i, seen, "clear", clock.instant().minus(Duration.ofHours(1))));
        }

        clock.advance(Duration.ofSeconds(10));
        loop.tick();

        assertThat(ran).containsExactly("restart {how=gently}");
        assertThat(log.recent(50)).anySatisfy(r -> {
            assertThat(r.action()).isEqualTo("recovery.step.ranked");
            assertThat(r.reason()).startsWith("chose restart of restart,clear:");
            assertThat(r.evidence().get("why.restart")).startsWith("9/9 verified on " + incident.fingerprint());
            assertThat(r.evidence().get("why.clear")).contains("0/4 verified").contains("demoted: 4 failures in a row");
        });
    }
}
