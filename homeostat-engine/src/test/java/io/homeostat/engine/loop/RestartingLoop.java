package io.homeostat.engine.loop;

import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.alert.LogEscalation;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.execute.TestActions;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.WorkflowStore;
import io.homeostat.engine.port.memory.InMemoryEffectivenessStore;
import io.homeostat.engine.port.memory.InMemoryIncidentStore;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loop on in-memory stores whose {@link TroubleDetector} opens incidents and whose one workflow
 * restarts any service in error; {@link #restarted} lists the services it restarted.
 */
final class RestartingLoop {

    private static final String WORKFLOWS = """
            workflows:
              - name: restart-anything
                trigger: [error_threshold]
                services: ["*"]
                timeout: 30m
                steps:
                  - name: restart
                    action: restart
                    success:
                      - {metric: error_rate, below: 0.01, for: 30s}
                    timeout: 20m
            """;

    final List<String> restarted = new CopyOnWriteArrayList<>();

    private final Action restart = TestActions.of("restart", RiskLevel.LOW, request -> {
        restarted.add(request.service());
        return ActionResult.of("restarted " + request.service());
    });

    /**
     * The loop on {@code clock} and {@code bus}, keeping its runs in {@code runs} and its audit
     * records in {@code log}; an incident settles for 10 s.
     */
    ControlLoopBuilder builder(Clock clock, SignalBus bus, WorkflowStore runs, AuditLog log) {
        return ControlLoop.builder().clock(clock).bus(bus).incidents(new InMemoryIncidentStore())
                .runs(runs).audit(log).effectiveness(new InMemoryEffectivenessStore())
                .escalation(LogEscalation.to(line -> { })).actions(ActionCatalog.of(List.of(restart)))
                .metrics((service, metric) -> OptionalDouble.empty()).detector(new TroubleDetector())
                .settle(Duration.ofSeconds(10))
                .workflows(WorkflowCatalog.of(WorkflowReader.read("test.yaml", WORKFLOWS)));
    }
}
