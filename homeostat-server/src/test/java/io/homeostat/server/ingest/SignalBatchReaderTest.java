package io.homeostat.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.engine.codec.JsonMangler;
import io.homeostat.engine.codec.SignalCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The streaming batch reader: what it accepts, and which problem it names when there are several. */
class SignalBatchReaderTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final SignalBatchReader reader = new SignalBatchReader(SignalCodec.create(), 3, Duration.ofMinutes(5));

    private static String sample(String id, String value) {
        return "{\"id\":\"" + id + "\",\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"pool.active\","
                + "\"value\":" + value + ",\"time\":\"2026-06-01T11:59:00Z\",\"tags\":{\"region\":\"eu\"}}";
    }

    private List<IngestedSignal> read(String body) {
        return reader.read(body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private void assertRejected(String body, int status, String field, String problem) {
        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(IngestRejectedException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
            assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
            assertThat(e.getMessage()).contains(problem);
        });
    }

    @Test
    void readsFieldsInAnyOrderWithTheIdAnywhere() {
        String shuffled = "{\"tags\":{\"b\":\"2\",\"a\":\"1\"},\"time\":\"2026-06-01T11:59:00Z\",\"value\":7,"
                + "\"service\":\"db\",\"id\":\"x-1\",\"metric\":\"m\",\"kind\":\"metric_sample\"}";
        String transition = "{\"window\":{\"consecutiveFailures\":4,\"calls\":20,\"slowCalls\":2,\"failures\":13},"
                + "\"reason\":\"r\",\"to\":\"open\",\"from\":\"half_open\",\"kind\":\"circuit_transition\","
                + "\"service\":\"api\",\"time\":\"2026-06-01T11:59:00Z\",\"id\":\"x-2\"}";

        List<IngestedSignal> batch = read("{\"signals\":[" + shuffled + "," + transition + "]}");

        assertThat(batch).extracting(IngestedSignal::id).containsExactly("x-1", "x-2");
        MetricSample sample = (MetricSample) batch.get(0).signal();
        assertThat(sample.value()).isEqualTo(7.0);
        assertThat(sample.tags()).isEqualTo(Map.of("b", "2", "a", "1"));
        CircuitTransition circuit = (CircuitTransition) batch.get(1).signal();
        assertThat(circuit.from()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(circuit.window().failures()).isEqualTo(13);
        assertThat(circuit.window().consecutiveFailures()).isEqualTo(4);
    }

    @Test
    void nullOptionalFieldsAreAbsentAndAnEmptyBatchIsEmpty() {
        assertThat(read("{\"signals\":[" + sample("s-1", "1").replace("{\"region\":\"eu\"}", "null") + "]}").get(0)
                .signal().tags()).isEmpty();
        assertThat(read("{\"signals\":[]}")).isEmpty();
        assertThat(read(" {\"signals\" : [ ] } \n")).isEmpty();
    }

    @Test
    void unknownFieldsAreRefusedWhereverTheyAre() {
        assertRejected("{\"signals\":[" + sample("s-1", "1").replace("{\"id\"", "{\"colour\":\"red\",\"id\"") + "]}",
                400, "signals[0].colour", "unknown field");
        assertRejected("{\"signals\":[" + sample("s-1", "1").replace("\"region\":\"eu\"", "\"region\":\"eu\",\"x\":1")
                + "]}", 400, "signals[0].tags.x", "expected a string, was number");
        assertRejected("{\"signals\":[" + sample("s-1", "1") + "],\"extra\":{\"a\":[1]}}", 400, "extra", "unknown field");
        assertRejected("{\"signals\":[" + sample("s-1", "1").replace("\"metric\":\"pool.active\"",
                "\"metric\":\"m\",\"status\":\"success\"") + "]}", 400, "signals[0].status", "unknown field");
    }

    @Test
    void repeatedKeysAnywhereAreMalformed() {
        assertRejected("{\"signals\":[],\"signals\":[]}", 400, "$", "Duplicate field 'signals'");
        assertRejected("{\"signals\":[" + sample("s-1", "1").replace("\"region\":\"eu\"", "\"region\":\"eu\",\"region\":\"us\"")
                + "]}", 400, "$", "Duplicate field 'region'");
        assertRejected("{\"signals\":[" + sample("s-1", "1").replace("\"value\":1", "\"value\":[{\"a\":1,\"a\":2}]")
                + "]}", 400, "$", "Duplicate field 'a'");
        assertRejected("{\"signals\":[" + sample("s-1", "1") + "],\"x\":1,\"x\":2}", 400, "$", "Duplicate field 'x'");
    }

    @Test
    void malformedJsonAnywhereWinsOverABadSignalBeforeIt() {
        assertRejected("{\"signals\":[" + sample("s-1", "\"high\"") + "," + sample("s-2", "1") + "]} x", 400, "$",
                "malformed JSON at line 1");
        assertRejected("{\"signals\":[" + sample("s-1", "\"high\"") + "," + sample("s-2", "1}") + "]}", 400, "$",
                "malformed JSON");
        assertRejected("{\"signals\":[" + sample("s-1", "1") + "]}{}", 400, "$", "Trailing token");
        assertRejected("   ", 400, "$", "empty body");
    }

    @Test
    void tooManySignalsWinsOverABadSignalAndTheFirstBadSignalIsNamed() {
        assertRejected("{\"signals\":[" + sample("a", "\"x\"") + "," + sample("b", "1") + "," + sample("c", "1") + ","
                + sample("d", "1") + "]}", 413, "signals", "holds 4 signals, at most 3");
        assertRejected("{\"signals\":[" + sample("a", "1") + "," + sample("b", "NaN") + "," + sample("c", "\"x\"")
                + "]}", 400, "signals[1].value", "must be a finite number, was NaN");
        assertRejected("{\"signals\":[" + sample("a", "1") + ",[]," + sample("c", "\"x\"") + "]}", 400, "signals[1]",
                "expected a signal object");
    }

    @Test
    void theShapeOfTheBodyIsCheckedBeforeItsSignals() {
        assertRejected("{\"signals\":[" + sample("a", "\"x\"") + "],\"more\":1}", 400, "more", "unknown field");
        assertRejected("{\"signals\":\"all\"}", 400, "signals", "expected an array");
        assertRejected("[{\"signals\":[]}]", 400, "$", "expected a JSON object");
        assertRejected("{\"other\":[]}", 400, "other", "unknown field");
    }

    @Test
    void idsAreCheckedBeforeTheSignal() {
        assertRejected("{\"signals\":[" + sample("s-1", "\"x\"").replace("\"id\":\"s-1\"", "\"id\":null") + "]}", 400,
                "signals[0].id", "expected a string of 1 to 128");
        assertRejected("{\"signals\":[" + sample("s-1", "\"x\"").replace("\"id\":\"s-1\"", "\"id\":7") + "]}", 400,
                "signals[0].id", "expected a string of 1 to 128");
        assertRejected("{\"signals\":[" + sample("x".repeat(129), "1") + "]}", 400, "signals[0].id", "1 to 128");
        assertThat(read("{\"signals\":[" + sample("A.b_c:d-9", "1") + "]}")).hasSize(1);
    }

    @Test
    void namesTheStoreCannotKeepAndTimesItCannotHoldAreRefusedNamingTheField() {
        assertRejected("{\"signals\":[" + sample("s-1", "1").replace("\"db\"", "\"" + "d".repeat(201) + "\"") + "]}", 400,
                "signals[0].service", "at most 200 characters");
        assertRejected("{\"signals\":[" + sample("s-1", "1").replace("2026-06-01T11:59:00Z", "-999999999-01-01T00:00:00Z")
                + "]}", 400, "signals[0].time", "must lie between");
    }

    @Test
    void wholeNumbersAndLargeNumbersAreTypedAsTheCodecDoes() {
        String outcome = "{\"id\":\"o\",\"kind\":\"operation_outcome\",\"service\":\"s\",\"status\":\"success\","
                + "\"latencyNanos\":LATENCY,\"time\":\"2026-06-01T11:59:00Z\"}";
        assertRejected("{\"signals\":[" + outcome.replace("LATENCY", "99999999999999999999") + "]}", 400,
                "signals[0].latencyNanos", "expected a whole number, was number");
        assertRejected("{\"signals\":[" + outcome.replace("LATENCY", "1.0") + "]}", 400,
                "signals[0].latencyNanos", "expected a whole number");
        assertRejected("{\"signals\":[" + outcome.replace("LATENCY", "-1") + "]}", 400,
                "signals[0].latencyNanos", "must not be negative, was -1");
        assertThat(((MetricSample) read("{\"signals\":[" + sample("s", "123456789012345678901234567890") + "]}")
                .get(0).signal()).value()).isEqualTo(1.2345678901234568e29);
    }

    @Test
    void readsABatchMixingCommonSignalsWithOnesOnlyTheParserReads() {
        String health = "{\"id\":\"h-1\",\"kind\":\"health_report\",\"service\":\"db\",\"check\":\"ping\","
                + "\"status\":\"degraded\",\"latencyNanos\":5,\"details\":{},\"time\":\"2026-06-01T11:59:00Z\"}";
        String escaped = sample("s-2", "2").replace("\"db\"", "\"d\\u00fcb\"");

        List<IngestedSignal> batch = read("{\"signals\":[" + sample("s-1", "1") + ", " + health + ",\n" + escaped + "]}");

        assertThat(batch).extracting(IngestedSignal::id).containsExactly("s-1", "h-1", "s-2");
        assertThat(batch.get(1).signal()).isInstanceOf(HealthReport.class);
        assertThat(batch.get(2).signal().service()).isEqualTo("düb");
    }

    @Test
    void aTagKeyTooLongForTheParserIsRefusedAsItRefusesIt() {
        String body = "{\"signals\":[" + sample("s-1", "1").replace("\"region\"", "\"" + "k".repeat(50_001) + "\"") + "]}";

        assertRejected(body, 400, "$", "Name length (50001) exceeds the maximum");
    }

    /**
     * Batches as senders write them, and the same batches mangled (a byte changed, inserted or
     * dropped): whatever the reader answers, signals or a refusal, the parser alone answers the same.
     */
    @Test
    void answersWhatTheParserAloneAnswersForAnyBody() {
        SignalCodec codec = SignalCodec.create();
        SignalBatchReader batches = new SignalBatchReader(codec, 4, Duration.ofMinutes(5));
        SplittableRandom random = new SplittableRandom(11);
        Instant time = NOW.minusSeconds(30);
        int accepted = 0;
        for (int n = 0; n < 5_000; n++) {
            StringBuilder body = new StringBuilder("{\"signals\":[");
            for (int s = random.nextInt(5); s > 0; s--) {
                String json = codec.encodeToString(switch (random.nextInt(6)) {
                    case 0 -> new HealthReport("db", "ping", HealthStatus.HEALTHY, Duration.ofMillis(3), Map.of(),
                            time, Map.of());
                    case 1, 2 -> new OperationOutcome("api", OperationOutcome.Status.FAILURE, ErrorCategory.TIMEOUT,
                            random.nextLong(1_000_000_000), null, time.plusMillis(random.nextInt(400_000)),
                            Map.of("instance", "i-" + random.nextInt(3)));
                    default -> new MetricSample("db", "latency.ms", random.nextInt(10_000) / 8.0,
                            time.plusMillis(random.nextInt(400_000)), Map.of("zone", random.nextBoolean() ? "a" : "ü"));
                });
                body.append("{\"id\":\"b").append(n).append('-').append(s).append("\",").append(json, 1, json.length())
                        .append(s > 1 ? "," : "");
            }
            String sent = body.append("]}").toString();
            for (String text : List.of(sent, JsonMangler.mangled(sent, random), JsonMangler.mangled(sent, random),
                    JsonMangler.mangled(sent, random))) {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                Object answer = answer(() -> batches.read(bytes, NOW));
                assertThat(answer).as(text).isEqualTo(answer(() -> batches.readWithParser(bytes, NOW.plus(Duration.ofMinutes(5)))));
                accepted += answer instanceof List<?> ? 1 : 0;
            }
        }
        assertThat(accepted).as("bodies accepted").isGreaterThan(5_000);
    }

    /** The signals read, or the refusal's status, field and message. */
    private static Object answer(Supplier<List<IngestedSignal>> read) {
        try {
            return read.get();
        } catch (IngestRejectedException e) {
            return e.status() + " " + e.field() + " " + e.getMessage();
        }
    }
}
