package io.homeostat.engine.codec.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.SignalKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** Streams a signal out as JSON, field by field. Stateless. */
public final class SignalWriter {

    private SignalWriter() {}

    /** The UTF-8 JSON of {@code signal}. */
    public static byte[] write(JsonFactory factory, Signal signal) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = factory.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField(Names.KIND, SignalKind.of(signal).wireName());
            json.writeStringField(Names.SERVICE, signal.service());
            switch (signal) {
                case OperationOutcome outcome -> outcome(json, outcome);
                case MetricSample sample -> {
                    json.writeStringField(Names.METRIC, sample.metric());
                    json.writeNumberField(Names.VALUE, sample.value());
                }
                case HealthReport report -> health(json, report);
                case CircuitTransition transition -> transition(json, transition);
                case FailureEvent failure -> {
                    json.writeStringField(Names.CATEGORY, lower(failure.category()));
                    json.writeStringField(Names.ERROR_TYPE, failure.errorType());
                    json.writeStringField(Names.MESSAGE, failure.message());
                }
            }
            json.writeStringField(Names.TIME, IsoInstant.format(signal.time()));
            strings(json, Names.TAGS, signal.tags());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void outcome(JsonGenerator json, OperationOutcome outcome) throws IOException {
        json.writeStringField(Names.STATUS, lower(outcome.status()));
        if (outcome.category() != null) {
            json.writeStringField(Names.CATEGORY, lower(outcome.category()));
        }
        json.writeNumberField(Names.LATENCY_NANOS, outcome.latencyNanos());
        if (outcome.fallbackTier() != null) {
            json.writeStringField(Names.FALLBACK_TIER, outcome.fallbackTier());
        }
    }

    private static void health(JsonGenerator json, HealthReport report) throws IOException {
        json.writeStringField(Names.CHECK, report.check());
        json.writeStringField(Names.STATUS, lower(report.status()));
        json.writeNumberField(Names.LATENCY_NANOS, report.latency().toNanos());
        strings(json, Names.DETAILS, report.details());
    }

    private static void transition(JsonGenerator json, CircuitTransition transition) throws IOException {
        json.writeStringField(Names.FROM, lower(transition.from()));
        json.writeStringField(Names.TO, lower(transition.to()));
        json.writeStringField(Names.REASON, transition.reason());
        WindowSnapshot window = transition.window();
        json.writeObjectFieldStart(Names.WINDOW);
        json.writeNumberField(Names.CALLS, window.calls());
        json.writeNumberField(Names.FAILURES, window.failures());
        json.writeNumberField(Names.SLOW_CALLS, window.slowCalls());
        json.writeNumberField(Names.CONSECUTIVE_FAILURES, window.consecutiveFailures());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
