package io.homeostat.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.notify.LogChannel;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EscalationOnlyTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-06-01T12:00:00Z"));
    private final Alerting alerting = Alerting.builder(clock.scheduler())
            .receiver(Receiver.of("log", LogChannel.of("log")))
            .route(Route.to("log").build())
            .build();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final EscalationOnly escalation = new EscalationOnly(alerting, lines::add);

    @Test
    void anEscalationNobodyIsOnCallForIsWrittenToTheLogWithWhyNobodyWasPaged() {
        EscalationDecision decision = escalation.escalate(new EscalationRequest(EscalationTrigger.NEEDS_PERSON,
                "inc-1", "db:primary", Severity.HIGH, "approve step restart of workflow restart-now", 0, 0));

        assertThat(decision.escalated()).isFalse();
        assertThat(decision.reason()).startsWith("nobody paged: no on-call rotation is configured");
        assertThat(lines).singleElement().asString()
                .contains("ESCALATION NEEDS_PERSON", "incident=inc-1", "service=db:primary",
                        "approve step restart of workflow restart-now", "nobody paged: no on-call rotation is configured");
    }
}
