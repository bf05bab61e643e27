package io.homeostat.engine.diagnose;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.detect.Detection;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One piece of evidence of trouble, in the one shape diagnosis rules look at: a failure, a failed
 * or slow call, an opened circuit, a failing health check, or a firing detection. Immutable and
 * thread-safe.
 *
 * <p>The HTTP status is read from the tag {@value #HTTP_STATUS_TAG} when present, else from an
 * error type of the form {@code http.503}.
 */
public final class Fact {

    /** The tag that carries an HTTP status code on failures and outcomes: {@value}. */
    public static final String HTTP_STATUS_TAG = "http.status";

    /** What the fact was made from. */
    public enum Kind {
        FAILURE,
        OUTCOME,
        CIRCUIT,
        HEALTH,
        DETECTION
    }

    private final Kind kind;
    private final String service;
    private final Instant time;
    private final ErrorCategory errorCategory;
    private final String errorType;
    private final String message;
    private final double latencyMillis;
    private final int httpStatus;
    private final String metric;
    private final String detectionCategory;

    private Fact(Kind kind, String service, Instant time, ErrorCategory errorCategory, String errorType,
            String message, double latencyMillis, int httpStatus, String metric, String detectionCategory) {
        this.kind = kind;
        this.service = service;
        this.time = time;
        this.errorCategory = errorCategory;
        this.errorType = errorType;
        this.message = message;
        this.latencyMillis = latencyMillis;
        this.httpStatus = httpStatus;
        this.metric = metric;
        this.detectionCategory = detectionCategory;
    }

    /**
     * The fact a signal is evidence of, if it is evidence of trouble: a {@link FailureEvent}; an
     * {@link OperationOutcome} that is not a success; a {@link CircuitTransition} to open or
     * forced open; a {@link HealthReport} that is not healthy. Metric samples and the rest: empty.
     */
    public static Optional<Fact> of(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        return switch (signal) {
            case FailureEvent f -> Optional.of(new Fact(Kind.FAILURE, f.service(), f.time(), f.category(),
                    f.errorType(), f.message(), Double.NaN, status(f.tags().get(HTTP_STATUS_TAG), f.errorType()), "", ""));
            case OperationOutcome o when o.status() != OperationOutcome.Status.SUCCESS -> Optional.of(new Fact(
                    Kind.OUTCOME, o.service(), o.time(), o.category(), "outcome." + o.status().name().toLowerCase(java.util.Locale.ROOT),
                    "", o.latencyNanos() / (double) TimeUnit.MILLISECONDS.toNanos(1),
                    status(o.tags().get(HTTP_STATUS_TAG), ""), "", ""));
            case CircuitTransition c when c.to() == CircuitState.OPEN || c.to() == CircuitState.FORCED_OPEN ->
                    Optional.of(new Fact(Kind.CIRCUIT, c.service(), c.time(), null, "circuit." + c.to().name().toLowerCase(java.util.Locale.ROOT),
                            c.reason(), Double.NaN, 0, "", ""));
            case HealthReport h when h.status() != HealthStatus.HEALTHY -> Optional.of(new Fact(Kind.HEALTH,
                    h.service(), h.time(), null, "health." + h.status().name().toLowerCase(java.util.Locale.ROOT),
                    h.check() + " " + h.details(), Double.NaN, 0, h.check(), ""));
            case OperationOutcome o -> Optional.empty();
            case CircuitTransition c -> Optional.empty();
            case HealthReport h -> Optional.empty();
            case MetricSample m -> Optional.empty();
        };
    }

    /**
     * The fact a detection is: its summary as the message, its metric and category, and for a
     * metric named {@code latency...} its {@code value} evidence as the latency in milliseconds.
     */
    public static Fact of(Detection detection) {
        Objects.requireNonNull(detection, "detection");
        String metric = detection.series().metric();
        double latency = Double.NaN;
        if (metric.startsWith("latency")) {
            latency = number(detection.evidence().get("value"));
        }
        return new Fact(Kind.DETECTION, detection.service(), detection.time(), null, "detection." + detection.detector(),
                detection.summary(), latency, 0, metric, detection.category());
    }

    /** What the fact was made from. */
    public Kind kind() {
        return kind;
    }

    /** The service it is about. */
    public String service() {
        return service;
    }

    /** When it happened. */
    public Instant time() {
        return time;
    }

    /** The kernel's error category, for failures and failed outcomes. */
    public Optional<ErrorCategory> errorCategory() {
        return Optional.ofNullable(errorCategory);
    }

    /** The exception class name, {@code http.503}, {@code outcome.timeout}, {@code circuit.open}, ...; never null. */
    public String errorType() {
        return errorType;
    }

    /** The error message, circuit reason, health check details or detection summary; possibly empty. */
    public String message() {
        return message;
    }

    /** How long the call took, or the latency a detection saw, in milliseconds. */
    public OptionalDouble latencyMillis() {
        return Double.isNaN(latencyMillis) ? OptionalDouble.empty() : OptionalDouble.of(latencyMillis);
    }

    /** The HTTP status of the failed response, if known. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The detection's metric or the health check's name; possibly empty. */
    public String metric() {
        return metric;
    }

    /** The detection's category, e.g. {@code latency}; empty for other kinds. */
    public String detectionCategory() {
        return detectionCategory;
    }

    /** One line for an explanation, e.g. {@code failure db:primary java.sql.SQLException "connection refused"}. */
    public String describe() {
        StringBuilder text = new StringBuilder(kind.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(service).append(' ')
                .append(errorType);
        if (httpStatus != 0) {
            text.append(" status=").append(httpStatus);
        }
        if (!Double.isNaN(latencyMillis)) {
            text.append(" latency=").append(Math.round(latencyMillis)).append("ms");
        }
        if (!message.isEmpty()) {
            text.append(" \"").append(message.length() > 120 ? message.substring(0, 117) + "..." : message).append('"');
        }
        return text.append(" at ").append(time).toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static int status(String tag, String errorType) {
        String text = tag != null ? tag.strip() : errorType.startsWith("http.") ? errorType.substring(5) : "";
        if (text.length() == 3 && text.chars().allMatch(Character::isDigit)) {
            int code = Integer.parseInt(text);
            return code >= 100 ? code : 0;
        }
        return 0;
    }

    private static double number(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text.strip());
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
