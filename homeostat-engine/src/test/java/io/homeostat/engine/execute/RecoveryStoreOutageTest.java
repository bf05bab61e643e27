package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.engine.port.WorkflowStore;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A run the store keeps from moving (its idempotency claim needs the database, as the JDBC store's
 * does while its other writes wait in the spool) is not ended for it, but is reported once as
 * stalled, and goes on when the store answers.
 */
class RecoveryStoreOutageTest {

    private final Recovery r = new Recovery("""
            workflows:
              - name: two-steps
                trigger: [error_threshold]
                services: "*"
                steps:
                  - {name: first, action: low}
                  - {name: second, action: medium, delay: 1s}
            """);
    private final AtomicBoolean claimsDown = new AtomicBoolean();

    private WorkflowStore claimsFailWhileDown(WorkflowStore delegate) {
        return (WorkflowStore) Proxy.newProxyInstance(WorkflowStore.class.getClassLoader(),
                new Class<?>[] {WorkflowStore.class}, (self, method, args) -> {
                    if (method.getName().equals("claim") && claimsDown.get()) {
                        throw new StoreUnavailableException("cannot claim: the database is unreachable",
                                new IOException("connection refused (test outage)"));
                    }
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aRunTheStoreHoldsIsReportedStalledOnceNotEndedAndGoesOnWhenTheStoreAnswers() {
        RecoveryOrchestrator orchestrator = r.orchestrator(b -> b.store(claimsFailWhileDown(r.runs)));
        String run = r.recover(orchestrator, r.incident("orders")).runId();
        assertThat(r.low.runs).hasSize(1);
        claimsDown.set(true);

        r.run(orchestrator, Duration.ofSeconds(1), RecoveryOrchestrator.MAX_RUN_ERRORS - 1);
        assertThat(r.decisions(run)).doesNotContain("run.stalled");
        assertThat(r.escalations).isEmpty();

        r.run(orchestrator, Duration.ofSeconds(1), 1 + 5);
        assertThat(r.decisions(run)).as("reported once, not on every tick").filteredOn("run.stalled"::equals).hasSize(1);
        assertThat(r.escalations).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(EscalationNotice.Kind.HELD);
            assertThat(e.message()).contains("recovery stalled (two-steps)").contains("store is unavailable")
                    .contains("cannot claim");
        });
        assertThat(r.runs.find(run).orElseThrow().phase()).as("an outage of Homeostat's store does not end the run")
                .isEqualTo(RunPhase.RUNNING);
        assertThat(r.tracker.active().getFirst().status()).isEqualTo(IncidentStatus.REMEDIATING);
        assertThat(orchestrator.tickFailures()).isEqualTo(RecoveryOrchestrator.MAX_RUN_ERRORS + 5);
        assertThat(r.decisions(run)).as("the outage's first tick, not each of its ticks")
                .filteredOn("run.error"::equals).hasSize(1);

        claimsDown.set(false);
        r.run(orchestrator, Duration.ofSeconds(1), 1);

        assertThat(r.medium.runs).hasSize(1);
        assertThat(r.runs.find(run).orElseThrow().phase()).isEqualTo(RunPhase.SUCCEEDED);
        assertThat(r.decisions(run)).as("the tick that moved it again says so after it")
                .containsSubsequence("run.stalled", "run.succeeded", "run.unstalled");
    }
}
