package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.EscalationTrigger;
import io.homeostat.engine.port.LeaseGrant;
import io.homeostat.engine.port.UpstreamCause;
import io.homeostat.engine.port.memory.InMemoryLease;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PortAdaptersTest {

    @Test
    void aDeposedLeaderFailsTheFencingCheck() {
        ManualClock clock = ManualClock.create();
        InMemoryLease lease = new InMemoryLease("planner", Duration.ofSeconds(10), clock);
        AtomicReference<Optional<LeaseGrant>> held = new AtomicReference<>(lease.tryAcquire("a"));
        LeaseFencing fencing = new LeaseFencing(lease, held::get);

        assertThat(fencing.valid(fencing.token())).isTrue();
        clock.advance(Duration.ofSeconds(11));
        assertThat(lease.tryAcquire("b")).isPresent();
        assertThat(fencing.valid(fencing.token())).as("b holds a newer token").isFalse();
        held.set(Optional.empty());
        assertThat(fencing.valid(fencing.token())).as("not the leader").isFalse();
    }

    @Test
    void noticesMapToEscalationTriggersAndCountFailedRuns() {
        List<EscalationRequest> requests = new CopyOnWriteArrayList<>();
        EscalationPortSink sink = new EscalationPortSink(new Escalation() {
            @Override
            public EscalationDecision escalate(EscalationRequest request) {
                requests.add(request);
                return EscalationDecision.declined("test");
            }

            @Override
            public void resolved(String incidentId, String who) {
            }

            @Override
            public Optional<UpstreamCause> upstreamCause(String service) {
                return Optional.empty();
            }
        });

        sink.escalate(new EscalationNotice(EscalationNotice.Kind.RECOVERY_FAILED, "i1", "db", Severity.HIGH, "rolled back"));
        sink.escalate(new EscalationNotice(EscalationNotice.Kind.RECOVERY_FAILED, "i1", "db", Severity.HIGH, "again"));
        sink.escalate(new EscalationNotice(EscalationNotice.Kind.ALERT, "i2", "db", Severity.CRITICAL, "page"));
        sink.escalate(new EscalationNotice(EscalationNotice.Kind.APPROVAL_NEEDED, "i3", "db", Severity.HIGH, "approve"));
        sink.escalate(new EscalationNotice(EscalationNotice.Kind.APPROVAL_REJECTED, "i3", "db", Severity.HIGH, "no"));

        assertThat(requests).extracting(EscalationRequest::trigger).containsExactly(EscalationTrigger.RECOVERY_FAILED,
                EscalationTrigger.RECOVERY_FAILED, EscalationTrigger.CRITICAL, EscalationTrigger.NEEDS_PERSON,
                EscalationTrigger.APPROVAL_REJECTED);
        assertThat(requests).extracting(EscalationRequest::failedAttempts).containsExactly(1, 2, 0, 0, 0);
    }
}
