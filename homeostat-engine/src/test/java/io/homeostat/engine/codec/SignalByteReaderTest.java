package io.homeostat.engine.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte reader reads what the codec's parser reads, exactly, or declines: compared with
 * {@link SignalCodec#decode} on chosen cases and on many generated and mangled objects.
 */
class SignalByteReaderTest {

    private static final Instant T = Instant.parse("2026-03-04T05:06:07.123Z");

    private final SignalCodec codec = SignalCodec.create();
    private final SignalByteReader reader = codec.byteReader();

    /** What the byte reader makes of {@code json}, the whole of it; null if it declines. */
    private Signal read(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int end = reader.read(bytes, 0);
        if (end == SignalByteReader.NOT_READ) {
            return null;
        }
        assertThat(end).as(json).isEqualTo(bytes.length);
        return reader.signal();
    }

    @Test
    void readsMetricSamplesAndOutcomesAsTheCodecWritesThem() {
        List<Signal> signals = List.of(
                new MetricSample("db:primary", "pool.active", -7.25, T, Map.of("pool", "main", "zone", "a")),
                new MetricSample("db", "m", 1e-7, T, Map.of()),
                new MetricSample("db", "m", 12345.678901234567, Instant.parse("2026-03-04T05:06:07Z"), Map.of("a", "1")),
                new MetricSample("db", "m", 0.1, Instant.parse("2026-03-04T05:06:07.123456789Z"),
                        Map.of("a", "1", "b", "2", "c", "3", "d", "4")),
                new OperationOutcome("llm:openai", OperationOutcome.Status.SUCCESS, null, 1_234_567L, null, T,
                        Map.of("region", "eu")),
                new OperationOutcome("llm:openai", OperationOutcome.Status.FALLBACK, ErrorCategory.RATE_LIMIT, 9L,
                        "cache", T, Map.of()),
                new OperationOutcome("api", OperationOutcome.Status.TIMEOUT, ErrorCategory.TIMEOUT, 0L, null,
                        Instant.parse("1970-01-01T00:00:00Z"), Map.of()));

        for (Signal signal : signals) {
            assertThat(read(codec.encodeToString(signal))).isEqualTo(signal);
        }
    }

    @Test
    void readsWhatSendersMayWriteOtherwise() {
        assertThat(read("{ \"kind\" : \"metric_sample\" ,\n\t\"service\":\"db\",\"metric\":\"m\",\"value\":7,"
                + "\"time\":\"2026-03-04T05:06:07.123Z\",\"tags\":null\r\n}"))
                .isEqualTo(new MetricSample("db", "m", 7.0, T, Map.of()));
        assertThat(read("{\"tags\":{},\"time\":\"2026-03-04T05:06:07.1230Z\",\"latencyNanos\":5,\"category\":null,"
                + "\"fallbackTier\":null,\"status\":\"success\",\"service\":\"db\",\"kind\":\"operation_outcome\"}"))
                .isEqualTo(new OperationOutcome("db", OperationOutcome.Status.SUCCESS, null, 5, null, T, Map.of()));
        assertThat(read(sample("-0"))).extracting(s -> ((MetricSample) s).value()).isEqualTo(0.0);
        assertThat(read(sample("-0.0"))).extracting(s -> ((MetricSample) s).value()).isEqualTo(-0.0);
        assertThat(read(sample("2.5E+3"))).extracting(s -> ((MetricSample) s).value()).isEqualTo(2500.0);
        assertThat(read(sample("123456789012345678901234567890.5")))
                .extracting(s -> ((MetricSample) s).value()).isEqualTo(1.2345678901234568E29);
    }

    private static String sample(String value) {
        return "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":" + value
                + ",\"time\":\"2026-03-04T05:06:07.123Z\"}";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // other kinds, left to the parser although valid
        "{\"kind\":\"health_report\",\"service\":\"db\",\"check\":\"ping\",\"status\":\"healthy\",\"latencyNanos\":1,\"details\":{},\"time\":\"2026-03-04T05:06:07Z\"}",
        // an escape, a byte that is not ASCII
        "{\"kind\":\"metric_sample\",\"service\":\"d\\u0062\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"dü\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\"}",
        // numbers: not finite, malformed, too long for a long, not whole where a whole one is needed, negative
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":NaN,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1e999,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":01,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1.,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1e,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":\"1\",\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"operation_outcome\",\"service\":\"db\",\"status\":\"success\",\"latencyNanos\":12345678901234567890,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"operation_outcome\",\"service\":\"db\",\"status\":\"success\",\"latencyNanos\":1.0,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"operation_outcome\",\"service\":\"db\",\"status\":\"success\",\"latencyNanos\":-1,\"time\":\"2026-03-04T05:06:07Z\"}",
        // fields: repeated, unknown, of another kind, missing, blank, a failure without its category, a tag twice
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"unit\":\"ms\",\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"status\":\"success\",\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"  \",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"operation_outcome\",\"service\":\"db\",\"status\":\"failure\",\"latencyNanos\":1,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"operation_outcome\",\"service\":\"db\",\"status\":\"success\",\"category\":\"gremlins\",\"latencyNanos\":1,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\",\"tags\":{\"a\":\"1\",\"a\":\"2\"}}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\",\"tags\":{\"a\":1}}",
        // times: another ISO form, before 1970, not a date
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T06:06:07+01:00\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"1969-12-31T23:59:59Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-02-29T00:00:00Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07.Z\"}",
        // malformed objects
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\",}",
        "{\"kind\":\"metric_sample\" \"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\"}",
        "{\"kind\":\"metric_sample\",\"service\":\"db\",\"metric\":\"m\",\"value\":1,\"time\":\"2026-03-04T05:06:07Z\"",
        "{}",
        "[]",
    })
    void declinesWhatItDoesNotReadItself(String json) {
        assertThat(reader.read(json.getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(SignalByteReader.NOT_READ);
    }

    @Test
    void leavesLongStringsAndManyTagsToTheParserAndItsLimits() {
        String longKey = sample("1").replace("}", ",\"tags\":{\"" + "k".repeat(50_001) + "\":\"v\"}}");
        String longTier = "{\"kind\":\"operation_outcome\",\"service\":\"db\",\"status\":\"success\",\"latencyNanos\":1,"
                + "\"fallbackTier\":\"" + "t".repeat(4_097) + "\",\"time\":\"2026-03-04T05:06:07.123Z\"}";
        StringBuilder manyTags = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            manyTags.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"v\"");
        }
        String thirtyThree = sample("1").replace("}", ",\"tags\":{" + manyTags + "}}");

        assertThat(read(longKey)).as("a key the parser refuses as too long").isNull();
        assertThatThrownBy(() -> codec.decode(longKey)).isInstanceOf(SignalDecodingException.class)
                .hasMessageContaining("exceeds the maximum");
        assertThat(read(longTier)).isNull();
        assertThat(read(thirtyThree)).isNull();
        assertThat(read(thirtyThree.replace(",\"t32\":\"v\"", ""))).isEqualTo(codec.decode(thirtyThree.replace(",\"t32\":\"v\"", "")));
    }

    @Test
    void refusesFromOutsideTheBytesAndExtraNamesItCouldNotMatch() {
        byte[] json = sample("1").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(json, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> reader.read(json, json.length)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SignalByteReader.skip(json, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> codec.byteReader("i\"d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.byteReader("ïd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesItReadsAreOneStringEach() {
        MetricSample first = (MetricSample) read(sample("1"));
        SignalByteReader another = codec.byteReader();
        another.read(sample("2").getBytes(StandardCharsets.UTF_8), 0);
        MetricSample second = (MetricSample) another.signal();

        assertThat(second.service()).isEqualTo("db").isSameAs(first.service());
        assertThat(second.metric()).isEqualTo("m").isSameAs(first.metric());
        assertThat(SignalCodec.create().byteReader().read(sample("3").getBytes(StandardCharsets.UTF_8), 0))
                .as("another codec reads as well").isPositive();
    }

    @Test
    void readsTheExtraFieldsItIsGiven() {
        SignalByteReader withId = codec.byteReader("id");
        byte[] json = ("{\"id\":\"b-7\"," + sample("3").substring(1)).getBytes(StandardCharsets.UTF_8);

        assertThat(withId.read(json, 0)).isEqualTo(json.length);
        assertThat(withId.text("id")).isEqualTo("b-7");
        assertThat(withId.text("other")).isNull();
        assertThat(reader.read(json, 0)).as("unknown without it").isEqualTo(SignalByteReader.NOT_READ);
    }

    @Test
    void skipFindsTheEndOfAValueByItsBracketsAndQuotes() {
        byte[] json = "[ {\"a\":\"x}\\\"]\",\"b\":[1,{\"c\":null}]} ,7]".getBytes(StandardCharsets.UTF_8);

        assertThat(SignalByteReader.skip(json, 1)).isEqualTo(json.length - 4);
        assertThat(SignalByteReader.skip(json, json.length - 2)).isEqualTo(json.length - 1);
        assertThat(SignalByteReader.skip("{\"a\":[1,2}".getBytes(StandardCharsets.UTF_8), 0))
                .isEqualTo(SignalByteReader.NOT_READ);
        assertThat(SignalByteReader.skip("\"open".getBytes(StandardCharsets.UTF_8), 0))
                .isEqualTo(SignalByteReader.NOT_READ);
        assertThat(SignalByteReader.skip("[".repeat(100).getBytes(StandardCharsets.UTF_8), 0))
                .isEqualTo(SignalByteReader.NOT_READ);
    }

    /**
     * Many generated signals, each also mangled a few times (a byte changed, inserted or dropped):
     * whenever the byte reader reads one, the parser reads the same signal from the same bytes.
     * And it does read every unmangled sample and outcome.
     */
    @Test
    void readsWhatTheParserReadsOrDeclines() {
        SplittableRandom random = new SplittableRandom(7);
        int read = 0;
        int declined = 0;
        for (int n = 0; n < 20_000; n++) {
            String json = generated(random);
            Signal signal = codec.decode(json);
            if (!(signal instanceof HealthReport)) {
                assertThat(read(json)).as(json).isEqualTo(signal);
            }
            for (int m = 0; m < 5; m++) {
                String mangled = JsonMangler.mangled(json, random);
                Signal quick = readOrNull(mangled);
                if (quick == null) {
                    declined++;
                    continue;
                }
                read++;
                assertThat(decodeOrNull(mangled)).as(mangled).isEqualTo(quick);
            }
        }
        assertThat(read).as("mangled objects still read").isGreaterThan(10_000);
        assertThat(declined).as("mangled objects declined").isGreaterThan(50_000);
    }

    private Signal readOrNull(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int end = reader.read(bytes, 0);
        if (end == SignalByteReader.NOT_READ) {
            return null;
        }
        // The reader reads one object; what follows it is its caller's.
        String rest = new String(bytes, end, bytes.length - end, StandardCharsets.UTF_8);
        return rest.isBlank() ? reader.signal() : null;
    }

    private Signal decodeOrNull(String json) {
        try {
            return codec.decode(json);
        } catch (SignalDecodingException e) {
            return null;
        }
    }

    /** A sample, outcome or (rarely) health report with varied names, numbers, times and tags, fields shuffled. */
    private String generated(SplittableRandom random) {
        Instant time = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L), switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        });
        Map<String, String> tags = new HashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            tags.put(name(random), name(random));
        }
        Signal signal = switch (random.nextInt(10)) {
            case 0 -> new HealthReport(name(random), "ping", HealthStatus.HEALTHY, Duration.ofNanos(random.nextLong(1_000_000)),
                    Map.of(), time, tags);
            case 1, 2, 3, 4 -> {
                OperationOutcome.Status status = OperationOutcome.Status.values()[random.nextInt(5)];
                ErrorCategory category = status == OperationOutcome.Status.SUCCESS && random.nextBoolean() ? null
                        : ErrorCategory.values()[random.nextInt(ErrorCategory.values().length)];
                yield new OperationOutcome(name(random), status, category, random.nextLong(Long.MAX_VALUE),
                        random.nextBoolean() ? null : name(random), time, tags);
            }
            default -> new MetricSample(name(random), name(random), value(random), time, tags);
        };
        String json = codec.encodeToString(signal);
        if (random.nextInt(4) > 0) {
            return json;
        }
        // The same fields in another order, with the value written as a sender might write it.
        // The writer puts tags (an object with commas of its own) last; the names here have no commas.
        int tagsAt = json.lastIndexOf(",\"tags\":");
        List<String> fields = new ArrayList<>(List.of(json.substring(1, tagsAt).split(",(?=\")")));
        fields.add(json.substring(tagsAt + 1, json.length() - 1));
        for (int i = fields.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swapped = fields.get(i);
            fields.set(i, fields.get(j));
            fields.set(j, swapped);
        }
        return "{" + String.join(random.nextBoolean() ? "," : " ,\n ", fields) + "}";
    }

    private static double value(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(-1000, 1000);
            case 1 -> random.nextInt(100_000) / 100.0;
            case 2 -> Double.longBitsToDouble(random.nextLong() & 0x7fe0_0000_0000_0000L | random.nextLong(1L << 52));
            case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
            case 4 -> random.nextLong() / 1e3;
            default -> random.nextDouble();
        };
    }

    private static String name(SplittableRandom random) {
        String[] names = {"db", "db:primary", "llm:openai", "pool.active", "latency.ms", "a", "eu", "x y", "i-1"};
        return names[random.nextInt(names.length)];
    }
}
