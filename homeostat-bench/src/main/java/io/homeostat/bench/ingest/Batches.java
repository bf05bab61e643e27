package io.homeostat.bench.ingest;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.SignalCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingest bodies as a remote service sends them: {@code {"signals":[...]}} with unique ids, three
 * metric samples to one operation outcome (one in ten a failure) over 40 services, written by the
 * project's {@link SignalCodec}. Made before a round is timed.
 */
final class Batches {

    private static final SignalCodec CODEC = SignalCodec.create();

    private Batches() {}

    /** {@code count} bodies of {@code size} signals each, ids prefixed {@code prefix}, times around {@code time}. */
    static List<byte[]> make(String prefix, int count, int size, Instant time) {
        List<byte[]> bodies = new ArrayList<>(count);
        StringBuilder body = new StringBuilder(size * 200);
        for (int b = 0; b < count; b++) {
            body.setLength(0);
            body.append("{\"signals\":[");
            for (int s = 0; s < size; s++) {
                int n = b * size + s;
                if (s > 0) {
                    body.append(',');
                }
                String json = CODEC.encodeToString(signal(n, time.plusMillis(n % 1000)));
                body.append("{\"id\":\"").append(prefix).append('-').append(n).append("\",").append(json, 1, json.length());
            }
            body.append("]}");
            bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static Signal signal(int n, Instant time) {
        String service = "svc-" + (n % 40);
        Map<String, String> tags = Map.of("instance", "i-" + (n % 4));
        if (n % 4 != 3) {
            return new MetricSample(service, n % 8 == 0 ? "pool.active" : "latency.ms", 10 + (n % 97) * 0.5, time, tags);
        }
        boolean failure = n % 40 == 3;
        return new OperationOutcome(service, failure ? OperationOutcome.Status.FAILURE : OperationOutcome.Status.SUCCESS,
                failure ? ErrorCategory.TIMEOUT : null, 1_000_000L + n % 5_000_000, null, time, tags);
    }
}
