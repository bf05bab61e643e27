package io.homeostat.bench.ingest;

import io.homeostat.server.ingest.SeenIds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of de-duplicating one ingest batch: {@link SeenIds#recordIfTaken} with 1,000 ids
 * never seen before, on one thread. The ids are made in the operation, as the reader makes them
 * from each body, so they are fresh in the cache as in the server; {@link #idsOnly} measures making
 * them, to subtract. It is filled before measuring: at the default capacity of a million ids its
 * tables (tens of MB) do not fit in the caches, the steady state of a busy server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SeenIdsBenchmark {

    private static final int BATCH = 1_000;

    @Param({"1048576"})
    public int capacity;

    private SeenIds seen;
    private long next;

    @Setup
    public void setUp() {
        seen = new SeenIds(capacity);
        for (int filled = 0; filled < 3 * capacity; filled += BATCH) {
            seen.recordIfTaken(ids(), positions -> true);
        }
    }

    @Benchmark
    public List<String> idsOnly() {
        return ids();
    }

    @Benchmark
    public int[] recordBatch() {
        return seen.recordIfTaken(ids(), positions -> true);
    }

    /** The next 1,000 ids, shaped like the ingest benchmark's. */
    private List<String> ids() {
        List<String> ids = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            ids.add("r1-" + next++);
        }
        return ids;
    }
}
