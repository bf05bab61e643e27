package io.homeostat.store.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homeostat.core.breaker.BreakerState;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.breaker.WindowSnapshot;
import java.time.Instant;

/**
 * A {@link BreakerState} as the JSON kept in Redis: every field of the record, times as ISO-8601,
 * the state as its enum name. Thread-safe.
 */
final class BreakerStateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BreakerStateJson() {}

    static String write(BreakerState state) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("name", state.name());
        json.put("state", state.state().name());
        ObjectNode window = json.putObject("window");
        window.put("calls", state.window().calls());
        window.put("failures", state.window().failures());
        window.put("slowCalls", state.window().slowCalls());
        window.put("consecutiveFailures", state.window().consecutiveFailures());
        json.put("consecutiveTrips", state.consecutiveTrips());
        json.put("openedAt", state.openedAt().toString());
        json.put("nextRetryAt", state.nextRetryAt().toString());
        json.put("reason", state.lastTransitionReason());
        return json.toString();
    }

    /**
     * @throws IllegalArgumentException if {@code text} is not a breaker state written by {@link #write}
     */
    static BreakerState read(String text) {
        try {
            JsonNode json = MAPPER.readTree(text);
            JsonNode window = json.required("window");
            return new BreakerState(json.required("name").asText(),
                    CircuitState.valueOf(json.required("state").asText()),
                    new WindowSnapshot(window.required("calls").asInt(), window.required("failures").asInt(),
                            window.required("slowCalls").asInt(), window.required("consecutiveFailures").asInt()),
                    json.required("consecutiveTrips").asInt(), Instant.parse(json.required("openedAt").asText()),
                    Instant.parse(json.required("nextRetryAt").asText()), json.required("reason").asText());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a breaker state: " + text, e);
        }
    }
}
