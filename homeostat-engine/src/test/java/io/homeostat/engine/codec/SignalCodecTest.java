package io.homeostat.engine.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignalCodecTest {

    private static final Instant T = Instant.parse("2026-03-04T05:06:07.123456789Z");
    private final SignalCodec codec = SignalCodec.create();

    static List<Signal> everyKind() {
        return List.of(
                new OperationOutcome("llm:openai", OperationOutcome.Status.SUCCESS, null, 1_234_567L, null, T,
                        Map.of("region", "eu")),
                new OperationOutcome("llm:openai", OperationOutcome.Status.FALLBACK, ErrorCategory.RATE_LIMIT, 9L,
                        "cache", T, Map.of()),
                new MetricSample("db:primary", "pool.active", -7.25, T, Map.of("pool", "main", "zone", "a")),
                new HealthReport("db:primary", "ping", HealthStatus.DEGRADED, Duration.ofMillis(42),
                        Map.of("latency.ms", "42"), T, Map.of()),
                new CircuitTransition("api:payments", CircuitState.HALF_OPEN, CircuitState.OPEN,
                        "failure rate 62.0% >= 50.0% over 20 calls", new WindowSnapshot(20, 13, 2, 4), T,
                        Map.of("instance", "a-1")),
                new FailureEvent("api:payments", ErrorCategory.UNAVAILABLE, "http.503", "upstream \"down\"\n", T,
                        Map.of("trace", "ü✓")));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void roundTripsEveryKind(Signal signal) {
        assertThat(codec.decode(codec.encode(signal))).isEqualTo(signal);
        assertThat(codec.decode(codec.encodeToString(signal))).isEqualTo(signal);
    }

    @Test
    void writesTheDocumentedForm() {
        String json = codec.encodeToString(new MetricSample("db", "pool.active", 7.0, T, Map.of("region", "eu")));

        assertThat(json).isEqualTo("{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"pool.active\","
                + "\"value\":7.0,\"time\":\"2026-03-04T05:06:07.123456789Z\",\"tags\":{\"region\":\"eu\"}}");
    }

    @Test
    void leavesOutAbsentOptionalFieldsAndReadsMissingTagsAsNone() {
        String json = codec.encodeToString(everyKind().get(0));
        assertThat(json).doesNotContain("category").doesNotContain("fallbackTier");

        Signal read = codec.decode("{\"kind\":\"metric_sample\",\"service\":\"s\",\"metric\":\"m\",\"value\":1,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}");
        assertThat(read.tags()).isEmpty();
        assertThat(((MetricSample) read).value()).isEqualTo(1.0);
    }

    @Test
    void missingFieldIsNamed() {
        assertField("{\"kind\":\"metric_sample\",\"service\":\"s\",\"value\":1,\"time\":\"2026-01-01T00:00:00Z\"}",
                "metric", "missing");
        assertField("{\"service\":\"s\"}", "kind", "missing");
        assertField("{\"kind\":\"metric_sample\",\"service\":\"s\",\"metric\":\"m\",\"value\":null,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}", "value", "missing");
    }

    @Test
    void failureWithoutCategoryIsRefusedNamingCategory() {
        assertField("{\"kind\":\"operation_outcome\",\"service\":\"s\",\"status\":\"timeout\",\"latencyNanos\":5,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}", "category", "required for status 'timeout'");
    }

    @Test
    void wrongTypeIsNamed() {
        assertField(metric("\"value\":\"7\""), "value", "expected a number, was string");
        assertField("{\"kind\":\"operation_outcome\",\"service\":\"s\",\"status\":\"success\",\"latencyNanos\":1.5,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}", "latencyNanos", "expected a whole number");
        assertField(metric("\"value\":1,\"tags\":{\"region\":3}"), "tags.region", "expected a string, was number");
        assertField(metric("\"value\":1,\"tags\":[]"), "tags", "expected a JSON object, was array");
        assertField("[1,2]", "$", "expected a JSON object");
    }

    @Test
    void nestedWindowFieldsAreNamedWithTheirPath() {
        String json = codec.encodeToString(everyKind().get(4)).replace("\"slowCalls\":2", "\"slowCalls\":-2");
        assertField(json, "window.slowCalls", "must not be negative");
        String extra = codec.encodeToString(everyKind().get(4)).replace("\"calls\":20", "\"calls\":20,\"x\":1");
        assertField(extra, "window.x", "unknown field");
    }

    @Test
    void nonFiniteNumbersAreRefusedNamingTheField() {
        assertField(metric("\"value\":NaN"), "value", "must be a finite number, was NaN");
        assertField(metric("\"value\":Infinity"), "value", "must be a finite number");
        assertField(metric("\"value\":-Infinity"), "value", "must be a finite number");
        assertField(metric("\"value\":1e999"), "value", "must be a finite number");
    }

    @Test
    void unknownKindFieldAndEnumValueAreNamed() {
        assertField("{\"kind\":\"log_line\",\"service\":\"s\"}", "kind",
                "unknown kind 'log_line', expected one of operation_outcome, metric_sample");
        assertField(metric("\"value\":1,\"colour\":\"red\""), "colour", "unknown field");
        assertField("{\"kind\":\"health_report\",\"service\":\"s\",\"check\":\"c\",\"status\":\"HEALTHY\","
                + "\"latencyNanos\":1,\"time\":\"2026-01-01T00:00:00Z\"}", "status",
                "unknown value 'HEALTHY', expected one of healthy, degraded, unhealthy");
    }

    @Test
    void badTimeBlankNamesAndMalformedJsonAreNamed() {
        assertField("{\"kind\":\"metric_sample\",\"service\":\"s\",\"metric\":\"m\",\"value\":1,\"time\":\"yesterday\"}",
                "time", "ISO-8601");
        assertField("{\"kind\":\"metric_sample\",\"service\":\" \",\"metric\":\"m\",\"value\":1,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}", "service", "must not be blank");
        assertField(metric("\"value\":1,\"value\":2"), "value", "Duplicate field");
        assertField(metric("\"value\":1") + "{}", "$", "malformed JSON");
        assertField("{\"kind\":\"metric_sample\",\"service\":", "service", "malformed JSON");
        assertField("", "$", "");
    }

    @Test
    void namesLongerThanTheStoreKeepsAndTimesOutsideItsRangeAreRefusedNamingTheField() {
        String longest = "s".repeat(Signal.MAX_NAME_LENGTH);
        String tooLong = longest + "s";
        assertThat(codec.decode("{\"kind\":\"metric_sample\",\"service\":\"" + longest + "\",\"metric\":\"m\","
                + "\"value\":1,\"time\":\"2026-01-01T00:00:00Z\"}").service()).isEqualTo(longest);
        assertField("{\"kind\":\"metric_sample\",\"service\":\"" + tooLong + "\",\"metric\":\"m\",\"value\":1,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}", "service", "must be at most 200 characters, was 201");
        assertField("{\"kind\":\"metric_sample\",\"service\":\"s\",\"metric\":\"" + tooLong + "\",\"value\":1,"
                + "\"time\":\"2026-01-01T00:00:00Z\"}", "metric", "at most 200 characters");
        assertField("{\"kind\":\"circuit_transition\",\"service\":\"s\",\"from\":\"closed\",\"to\":\"open\","
                + "\"reason\":\"" + "r".repeat(1_001) + "\",\"window\":{\"calls\":1,\"failures\":1,\"slowCalls\":0,"
                + "\"consecutiveFailures\":1},\"time\":\"2026-01-01T00:00:00Z\"}", "reason", "at most 1000 characters");
        assertField("{\"kind\":\"metric_sample\",\"service\":\"s\",\"metric\":\"m\",\"value\":1,"
                + "\"time\":\"-999999999-01-01T00:00:00Z\"}", "time", "must lie between 1970-01-01T00:00:00Z and");
        assertField("{\"kind\":\"metric_sample\",\"service\":\"s\",\"metric\":\"m\",\"value\":1,"
                + "\"time\":\"+10000-01-01T00:00:00Z\"}", "time", "must lie between");
        assertThat(codec.decode(metric("\"value\":1").replace("2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z")).time())
                .isEqualTo(SignalCodec.EARLIEST);
    }

    @Test
    void readsEveryNumberAsTheJdkParsesIt() {
        for (String literal : List.of("0.1", "-0.0", "1e-320", "4.9e-324", "1.7976931348623157e308", "123456789.123456789",
                "2.2250738585072011e-308", "9007199254740993", "0.30000000000000004", "1E+2")) {
            MetricSample read = (MetricSample) codec.decode(metric("\"value\":" + literal));
            assertThat(read.value()).as(literal).isEqualTo(Double.parseDouble(literal));
        }
    }

    @Test
    void readsFieldsInAnyOrder() {
        Signal read = codec.decode("{\"tags\":{\"z\":\"1\",\"a\":\"2\"},\"value\":-7.25,\"time\":\"2026-03-04T05:06:07.123456789Z\","
                + "\"metric\":\"pool.active\",\"service\":\"db:primary\",\"kind\":\"metric_sample\"}");

        assertThat(read).isEqualTo(new MetricSample("db:primary", "pool.active", -7.25, T, Map.of("z", "1", "a", "2")));
    }

    @Test
    void repeatedKeysAreNamedByTheirPathAndNestedValuesOfTheWrongTypeAreRefused() {
        assertField(metric("\"value\":1,\"tags\":{\"region\":\"eu\",\"region\":\"us\"}"), "tags.region",
                "Duplicate field 'region'");
        assertField(metric("\"value\":{\"a\":1}"), "value", "expected a number, was object");
        assertField(metric("\"value\":[1]"), "value", "expected a number, was array");
        assertField(metric("\"value\":1,\"tags\":{\"region\":null}"), "tags.region", "missing");
        String window = codec.encodeToString(everyKind().get(4)).replaceAll("\\{\"calls\".*?}", "true");
        assertField(window, "window", "expected a JSON object, was boolean");
        assertField("\"x\"", "$", "expected a JSON object, was string");
        assertField("   ", "$", "empty document");
    }

    private static String metric(String valueAndMore) {
        return "{\"kind\":\"metric_sample\",\"service\":\"s\",\"metric\":\"m\",\"time\":\"2026-01-01T00:00:00Z\","
                + valueAndMore + "}";
    }

    /**
     * An object of 100,000 tags (4 MB, what an ingest body may hold) is read, its errors named as
     * in a small one. Each key used to be compared with all before it, twice (for a repeated key,
     * then to look each tag up): about 10^10 comparisons, seconds of CPU for one request; now a set
     * and positions. (This test takes about a second; it has no timer.)
     */
    @Test
    void readsAnObjectOfManyTagsAndNamesTheBadOneAsWithFew() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            tags.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v").append(i).append('"');
        }
        String json = "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,"
                + "\"time\":\"2026-03-04T05:06:07Z\",\"tags\":{" + tags + "}}";

        assertThat(codec.decode(json).tags()).hasSize(100_000).containsEntry("k99999", "v99999");
        assertField(json.replace("\"k5\":\"v5\"", "\"k5\":null"), "tags.k5", "missing");
        assertField(json.replace("\"k5\":\"v5\"", "\"k5\":5"), "tags.k5", "expected a string, was number");
        assertThatThrownBy(() -> codec.decode(json.replace("\"k99999\"", "\"k7\"")))
                .isInstanceOf(SignalDecodingException.class).hasMessageContaining("Duplicate field 'k7'");
    }

    private void assertField(String json, String field, String problem) {
        assertThatThrownBy(() -> codec.decode(json))
                .isInstanceOfSatisfying(SignalDecodingException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith("field '" + field + "': ").contains(problem);
                });
    }
}
