package io.homeostat.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalJsonTest {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void elementsAreFoundByTheirBracesOutsideStringsAndMakeTheSameBatchAgain() {
        List<Signal> signals = List.of(
                new MetricSample("a", "m", 1, T, Map.of("id", "{\"id\":\"x\"}")),
                new FailureEvent("b", ErrorCategory.UNKNOWN, "E", "a } and a \" and a \\ and ]}", T, Map.of()),
                new MetricSample("c", "m", 3, T, Map.of()));
        String body = SignalJson.batch(List.of("i-1", "i-2", "i-3"), signals);

        List<String> elements = SignalJson.elements(body);

        assertThat(elements).hasSize(3);
        assertThat(elements.get(0)).startsWith("{\"id\":\"i-1\"").endsWith("}");
        assertThat(elements.get(1)).startsWith("{\"id\":\"i-2\"").contains("a } and a");
        assertThat(SignalJson.batchOf(elements)).isEqualTo(body);
        assertThat(SignalJson.batchOf(elements.subList(1, 2))).isEqualTo(
                SignalJson.batch(List.of("i-2"), signals.subList(1, 2)));
        assertThat(SignalJson.elements(SignalJson.batch(List.of(), List.of()))).isEmpty();
    }
}
