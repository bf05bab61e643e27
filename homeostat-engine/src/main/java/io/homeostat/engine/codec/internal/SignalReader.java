package io.homeostat.engine.codec.internal;

import com.fasterxml.jackson.core.JsonParser;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.engine.codec.SignalDecodingException;
import io.homeostat.engine.codec.SignalKind;
import java.time.Duration;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads signals straight from a parser's tokens, strictly: the one definition of which fields a
 * signal has and what each may hold, for single documents and for the elements of a larger one.
 * Not thread-safe: it reuses its buffers from one signal to the next; one per reading thread.
 */
public final class SignalReader {

    private final ParsedObject object = new ParsedObject();
    private final String[] extra;

    /**
     * @param extra names of fields the caller reads itself from each object (e.g. an ingest
     *     batch's {@code id}); they are not refused as unknown
     */
    public SignalReader(String... extra) {
        this.extra = extra.clone();
    }

    /**
     * Reads the JSON object whose {@code START_OBJECT} is the parser's current token, up to and
     * including its {@code END_OBJECT}, checking only its syntax and that no key repeats; then
     * {@link #signal()} decodes it.
     *
     * @throws com.fasterxml.jackson.core.JsonParseException if it is malformed or repeats a key
     * @throws IOException if the input cannot be read
     */
    public void load(JsonParser parser) throws IOException {
        object.load(parser);
    }

    /**
     * Reads past the value whose first token is the parser's current one (of a document that is
     * not what was expected), checking its syntax and keys as {@link #load} does.
     */
    public static void skip(JsonParser parser) throws IOException {
        ParsedObject.skipValue(parser);
    }

    /** Whether the loaded object has field {@code name} (null or not). */
    public boolean has(String name) {
        return object.indexOf(name) >= 0;
    }

    /** The string value of the loaded object's field {@code name}; empty if absent or not a string. */
    public Optional<String> text(String name) {
        int index = object.indexOf(name);
        return index >= 0 && object.type(index) == ParsedObject.Type.STRING ? Optional.of(object.text(index))
                : Optional.empty();
    }

    /**
     * The signal the loaded object describes.
     *
     * @throws SignalDecodingException naming the field, relative to the object, that is missing,
     *     unknown or wrong
     */
    public Signal signal() {
        Fields fields = Fields.of(object, "$");
        for (String name : extra) {
            fields.optional(name);
        }
        String kindName = fields.string(Names.KIND);
        SignalKind kind = SignalKind.ofWireName(kindName).orElseThrow(() -> new SignalDecodingException(
                Names.KIND, "unknown kind '" + kindName + "', expected one of " + Arrays.stream(SignalKind.values())
                        .map(SignalKind::wireName).collect(Collectors.joining(", "))));
        String service = fields.name(Names.SERVICE);
        Instant time = fields.instant(Names.TIME);
        Map<String, String> tags = fields.strings(Names.TAGS);
        Signal signal = switch (kind) {
            case OPERATION_OUTCOME -> outcome(fields, service, time, tags);
            case METRIC_SAMPLE -> new MetricSample(service, fields.name(Names.METRIC), fields.finite(Names.VALUE),
                    time, tags);
            case HEALTH_REPORT -> new HealthReport(service, fields.name(Names.CHECK),
                    fields.enumValue(Names.STATUS, HealthStatus.class),
                    Duration.ofNanos(fields.nonNegativeLong(Names.LATENCY_NANOS)), fields.strings(Names.DETAILS), time,
                    tags);
            case CIRCUIT_TRANSITION -> transition(fields, service, time, tags);
            case FAILURE_EVENT -> new FailureEvent(service, fields.enumValue(Names.CATEGORY, ErrorCategory.class),
                    fields.name(Names.ERROR_TYPE), fields.optionalString(Names.MESSAGE).orElse(""), time, tags);
        };
        fields.rejectUnknown();
        return signal;
    }

    private static OperationOutcome outcome(Fields fields, String service, Instant time, Map<String, String> tags) {
        OperationOutcome.Status status = fields.enumValue(Names.STATUS, OperationOutcome.Status.class);
        ErrorCategory category = fields.optionalEnum(Names.CATEGORY, ErrorCategory.class).orElse(null);
        if (status != OperationOutcome.Status.SUCCESS && category == null) {
            throw new SignalDecodingException(Names.CATEGORY, "missing (required for status '"
                    + SignalWriter.lower(status) + "')");
        }
        long latency = fields.nonNegativeLong(Names.LATENCY_NANOS);
        String tier = fields.optionalString(Names.FALLBACK_TIER).orElse(null);
        return new OperationOutcome(service, status, category, latency, tier, time, tags);
    }

    private static CircuitTransition transition(Fields fields, String service, Instant time, Map<String, String> tags) {
        CircuitState from = fields.enumValue(Names.FROM, CircuitState.class);
        CircuitState to = fields.enumValue(Names.TO, CircuitState.class);
        String reason = fields.string(Names.REASON, SignalCodec.MAX_REASON_LENGTH);
        Fields window = fields.object(Names.WINDOW);
        WindowSnapshot snapshot = new WindowSnapshot(window.nonNegativeInt(Names.CALLS),
                window.nonNegativeInt(Names.FAILURES), window.nonNegativeInt(Names.SLOW_CALLS),
                window.nonNegativeInt(Names.CONSECUTIVE_FAILURES));
        window.rejectUnknown();
        return new CircuitTransition(service, from, to, reason, snapshot, time, tags);
    }
}
