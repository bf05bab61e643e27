package io.homeostat.bench.overhead;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one measured round did and cost. Immutable.
 *
 * @param mode how the application called its dependencies
 * @param index the round's number (0 for a warm-up round)
 * @param fault whether an outage of {@code llm:openai} was injected
 * @param wallNanos how long the measurement ran
 * @param cpuNanos the process's CPU time over it
 * @param cpuByGroup the CPU time per thread group ({@link CpuMeter})
 * @param requests triage requests that completed
 * @param httpCalls calls the upstreams' HTTP servers received
 * @param guardCalls calls the guards saw (attempts and rejections); 0 without guards
 * @param fallbacks calls a fallback tier answered; 0 without guards
 * @param signals signals published to the bus; 0 without guards
 * @param allocatedBytes heap bytes the process allocated over the round; negative if unknown
 */
record RoundResult(Mode mode, int index, boolean fault, long wallNanos, long cpuNanos, Map<String, Long> cpuByGroup,
        long requests, long httpCalls, long guardCalls, long fallbacks, long signals, long allocatedBytes) {

    /** The process's CPU use as a share of one core: 1.0 is one core busy all the time. */
    double cores() {
        return (double) cpuNanos / wallNanos;
    }

    /** CPU microseconds per completed request. */
    double cpuMicrosPerRequest() {
        return requests == 0 ? 0 : cpuNanos / 1000.0 / requests;
    }

    /** Heap bytes allocated per completed request. */
    double bytesPerRequest() {
        return requests == 0 ? 0 : (double) allocatedBytes / requests;
    }

    /** Completed requests a second. */
    double requestRate() {
        return requests * 1e9 / wallNanos;
    }

    /** The result as plain values, for JSON; {@link #fromJson} reads it back. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode.name());
        m.put("index", index);
        m.put("fault", fault);
        m.put("wallNanos", wallNanos);
        m.put("cpuNanos", cpuNanos);
        m.put("requests", requests);
        m.put("httpCalls", httpCalls);
        m.put("guardCalls", guardCalls);
        m.put("fallbacks", fallbacks);
        m.put("signals", signals);
        m.put("allocatedBytes", allocatedBytes);
        m.put("cpuByGroupNanos", cpuByGroup);
        return m;
    }

    /**
     * Reads what {@link #toMap} wrote.
     *
     * @throws IllegalArgumentException naming the field if one is missing or not of its type
     */
    static RoundResult fromJson(JsonNode node) {
        Map<String, Long> groups = new LinkedHashMap<>();
        JsonNode byGroup = field(node, "cpuByGroupNanos");
        byGroup.properties().forEach(e -> groups.put(e.getKey(), e.getValue().asLong()));
        Mode mode;
        try {
            mode = Mode.valueOf(field(node, "mode").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be one of GUARDED, DIRECT, was " + node.get("mode"), e);
        }
        return new RoundResult(mode, (int) number(node, "index"), field(node, "fault").asBoolean(),
                number(node, "wallNanos"), number(node, "cpuNanos"), Collections.unmodifiableMap(groups), number(node, "requests"),
                number(node, "httpCalls"), number(node, "guardCalls"), number(node, "fallbacks"),
                number(node, "signals"), number(node, "allocatedBytes"));
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a round result needs the field " + name + ": " + node);
        }
        return value;
    }

    private static long number(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value);
        }
        return value.asLong();
    }
}
