package io.homeostat.engine.execute;

/**
 * Where recovery hands things to people. An adapter to the alerting's {@code Escalation} port
 * implements it in the product; tests record. Implementations must be thread-safe and quick; a
 * sink that throws is counted by the orchestrator, which carries on.
 */
@FunctionalInterface
public interface EscalationSink {

    /** Tells people. */
    void escalate(EscalationNotice notice);
}
