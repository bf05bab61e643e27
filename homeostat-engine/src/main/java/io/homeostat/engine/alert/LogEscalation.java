package io.homeostat.engine.alert;

import io.homeostat.engine.port.Escalation;
import io.homeostat.engine.port.EscalationDecision;
import io.homeostat.engine.port.EscalationRequest;
import io.homeostat.engine.port.UpstreamCause;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simplest {@link Escalation}: writes every request as one line to a sink (by default the
 * SLF4J logger {@code io.homeostat.escalation} at ERROR) and knows no dependency graph, so it
 * never holds remediation back. For embedded use without alerting configured, and for tests.
 * Thread-safe if the sink is.
 */
public final class LogEscalation implements Escalation {

    private static final Logger LOG = LoggerFactory.getLogger("io.homeostat.escalation");

    private final Consumer<String> sink;

    private LogEscalation(Consumer<String> sink) {
        this.sink = sink;
    }

    /** Escalation to the SLF4J logger {@code io.homeostat.escalation}. */
    public static LogEscalation toLog() {
        return new LogEscalation(line -> LOG.error("{}", line));
    }

    /** Escalation to {@code sink}. */
    public static LogEscalation to(Consumer<String> sink) {
        return new LogEscalation(Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public EscalationDecision escalate(EscalationRequest request) {
        String line = String.format(Locale.ROOT, "ESCALATION %s incident=%s service=%s severity=%s attempts=%d impact=%.2f: %s",
                request.trigger(), request.incidentId(), request.service(), request.severity(),
                request.failedAttempts(), request.impact(), request.summary());
        sink.accept(line);
        return new EscalationDecision(true, 0, "log", "written to the log");
    }

    @Override
    public void resolved(String incidentId, String who) {
        sink.accept("RESOLVED incident=" + Objects.requireNonNull(incidentId, "incidentId") + " by "
                + Objects.requireNonNull(who, "who"));
    }

    @Override
    public Optional<UpstreamCause> upstreamCause(String service) {
        return Optional.empty();
    }
}
