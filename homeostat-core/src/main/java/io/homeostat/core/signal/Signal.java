package io.homeostat.core.signal;

import java.time.Instant;
import java.util.Map;

/**
 * A fact about the running system, the unit of everything the control loop consumes. Immutable;
 * every case carries the service it is about, when it happened, and free-form tags.
 */
public sealed interface Signal
        permits OperationOutcome, MetricSample, HealthReport, CircuitTransition, FailureEvent {

    /**
     * The tag naming the service that made the call a signal is about: {@value}. A guard built with
     * {@link io.homeostat.core.GuardBuilder#caller(String)} sets it on every signal it publishes, so
     * the engine can learn who calls whom from real traffic.
     */
    String CALLER_TAG = "caller";

    /**
     * The longest service or other name ({@value}) a signal should carry: what the knowledge store
     * keeps, and what the server's ingest takes. Guards refuse longer names when they are built.
     */
    int MAX_NAME_LENGTH = 200;

    /** The service or dependency the fact is about, e.g. {@code llm:openai}. */
    String service();

    /** When it happened (wall time of the injected clock). */
    Instant time();

    /** Extra labels; never null, possibly empty. */
    Map<String, String> tags();
}
