package io.homeostat.bench.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.server.ingest.IngestedSignal;
import io.homeostat.server.ingest.SignalBatchReader;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of reading one ingest batch (1,000 signals, the ingest benchmark's bodies) on one
 * thread: {@link SignalBatchReader} (parse, check every field, decode to signals) beside Jackson
 * only parsing the same bytes into a tree (the floor any tree-based reader pays) and only walking
 * their tokens, reading every string and number (the floor of a streaming reader).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BatchReaderBenchmark {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private byte[] body;
    private SignalBatchReader reader;
    private ObjectMapper mapper;
    private JsonFactory factory;

    @Setup
    public void setUp() {
        body = Batches.make("b", 1, 1_000, NOW.minusSeconds(60)).get(0);
        reader = new SignalBatchReader(SignalCodec.create(), 10_000, Duration.ofMinutes(5));
        mapper = new ObjectMapper();
        factory = new JsonFactory();
    }

    @Benchmark
    public List<IngestedSignal> batchReader() {
        return reader.read(body, NOW);
    }

    @Benchmark
    public JsonNode jacksonTreeOnly() throws IOException {
        return mapper.readTree(body);
    }

    /** The floor of a streaming reader: every token of the body, each string's text, each number's value. */
    @Benchmark
    public long jacksonTokensOnly() throws IOException {
        long sum = 0;
        try (JsonParser parser = factory.createParser(body)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                switch (token) {
                    case VALUE_STRING -> sum += parser.getText().length();
                    case VALUE_NUMBER_INT -> sum += parser.getLongValue();
                    case VALUE_NUMBER_FLOAT -> sum += (long) parser.getDoubleValue();
                    default -> sum++;
                }
            }
        }
        return sum;
    }
}
