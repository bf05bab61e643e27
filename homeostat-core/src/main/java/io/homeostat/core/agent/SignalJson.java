package io.homeostat.core.agent;

import io.homeostat.core.breaker.WindowSnapshot;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes ingest batch bodies, {@code {"signals":[{"id":...,"kind":...},...]}}, in the wire form
 * the server's codec reads (engine's {@code SignalCodec}; the core has no JSON library, so the
 * form is written out here). The server's {@code AgentWireFormatTest} keeps the two from drifting:
 * it reads what this writes, for every kind and enum value, with the server's batch reader and
 * compares it field by field with what was published and with what the codec writes. Stateless.
 */
final class SignalJson {

    private SignalJson() {}

    /** A batch body; {@code ids.get(i)} is the id of {@code signals.get(i)}. */
    static String batch(List<String> ids, List<Signal> signals) {
        StringBuilder json = new StringBuilder(signals.size() * 200 + 16).append("{\"signals\":[");
        for (int i = 0; i < signals.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            signal(json, ids.get(i), signals.get(i));
        }
        return json.append("]}").toString();
    }

    /** A batch body of elements as {@link #elements} returned them. */
    static String batchOf(List<String> elements) {
        return "{\"signals\":[" + String.join(",", elements) + "]}";
    }

    /**
     * The elements of a batch body this class wrote, each as written: the objects of its
     * {@code signals} array, found by their braces outside strings.
     */
    static List<String> elements(String body) {
        List<String> elements = new ArrayList<>();
        int depth = 0;
        int from = -1;
        boolean inString = false;
        for (int i = body.indexOf('[') + 1; i > 0 && i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character, a quote perhaps
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{') {
                if (depth++ == 0) {
                    from = i;
                }
            } else if (c == '}') {
                if (--depth == 0) {
                    elements.add(body.substring(from, i + 1));
                }
            } else if (c == ']' && depth == 0) {
                break;
            }
        }
        return elements;
    }

    private static void signal(StringBuilder json, String id, Signal signal) {
        json.append('{');
        field(json, "id", id);
        json.append(',');
        field(json, "kind", switch (signal) {
            case OperationOutcome ignored -> "operation_outcome";
            case MetricSample ignored -> "metric_sample";
            case HealthReport ignored -> "health_report";
            case CircuitTransition ignored -> "circuit_transition";
            case FailureEvent ignored -> "failure_event";
        });
        json.append(',');
        field(json, "service", signal.service());
        switch (signal) {
            case OperationOutcome outcome -> {
                json.append(',');
                field(json, "status", lower(outcome.status()));
                if (outcome.category() != null) {
                    json.append(',');
                    field(json, "category", lower(outcome.category()));
                }
                json.append(",\"latencyNanos\":").append(outcome.latencyNanos());
                if (outcome.fallbackTier() != null) {
                    json.append(',');
                    field(json, "fallbackTier", outcome.fallbackTier());
                }
            }
            case MetricSample sample -> {
                json.append(',');
                field(json, "metric", sample.metric());
                json.append(",\"value\":").append(sample.value());
            }
            case HealthReport report -> {
                json.append(',');
                field(json, "check", report.check());
                json.append(',');
                field(json, "status", lower(report.status()));
                json.append(",\"latencyNanos\":").append(report.latency().toNanos()).append(",\"details\":");
                strings(json, report.details());
            }
            case CircuitTransition transition -> {
                json.append(',');
                field(json, "from", lower(transition.from()));
                json.append(',');
                field(json, "to", lower(transition.to()));
                json.append(',');
                field(json, "reason", transition.reason());
                WindowSnapshot window = transition.window();
                json.append(",\"window\":{\"calls\":").append(window.calls()).append(",\"failures\":")
                        .append(window.failures()).append(",\"slowCalls\":").append(window.slowCalls())
                        .append(",\"consecutiveFailures\":").append(window.consecutiveFailures()).append('}');
            }
            case FailureEvent failure -> {
                json.append(',');
                field(json, "category", lower(failure.category()));
                json.append(',');
                field(json, "errorType", failure.errorType());
                json.append(',');
                field(json, "message", failure.message());
            }
        }
        json.append(',');
        field(json, "time", signal.time().toString());
        json.append(",\"tags\":");
        strings(json, signal.tags());
        json.append('}');
    }

    private static void strings(StringBuilder json, Map<String, String> values) {
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            field(json, entry.getKey(), entry.getValue());
        }
        json.append('}');
    }

    private static void field(StringBuilder json, String name, String value) {
        string(json, name);
        json.append(':');
        string(json, value);
    }

    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
