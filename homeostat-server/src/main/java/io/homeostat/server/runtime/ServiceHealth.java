package io.homeostat.server.runtime;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Each service's health over the last 24 hours in {@link #BUCKET}s, from the signals on the bus
 * (call outcomes, health reports, circuit transitions; by the signals' own times): the data of the
 * health timeline and the dashboard's heatmap. At most {@link #MAX_SERVICES} services are kept;
 * signals of further ones are counted in {@link #droppedServices()}. About 7 KB per service.
 * Thread-safe: the bus thread writes, request threads read, each service's history under its own lock.
 */
public final class ServiceHealth {

    /** The width of a bucket: 5 minutes. */
    public static final Duration BUCKET = Duration.ofMinutes(5);
    /** How many buckets are kept: 24 hours' worth. */
    public static final int BUCKETS = 288;
    /** How many services are kept. */
    public static final int MAX_SERVICES = 1_000;

    private static final long BUCKET_SECONDS = BUCKET.toSeconds();
    private static final byte UP = 1;
    private static final byte DEGRADED = 2;
    private static final byte DOWN = 3;

    private final Map<String, History> services = new ConcurrentHashMap<>();
    private final LongAdder droppedServices = new LongAdder();

    /** Takes the outcomes, health reports and circuit transitions of a batch; other signals are ignored. */
    public void observe(List<Signal> batch) {
        for (Signal signal : batch) {
            switch (signal) {
                case OperationOutcome o -> history(o.service(), o.time(), h -> h.call(o.time(),
                        o.status() != OperationOutcome.Status.SUCCESS));
                case HealthReport r -> history(r.service(), r.time(), h -> h.mark(r.time(),
                        r.status() == HealthStatus.UNHEALTHY ? DOWN : r.status() == HealthStatus.DEGRADED ? DEGRADED : UP));
                case CircuitTransition t -> history(t.service(), t.time(), h -> h.mark(t.time(),
                        t.to() == CircuitState.OPEN || t.to() == CircuitState.FORCED_OPEN ? DOWN
                                : t.to() == CircuitState.HALF_OPEN ? DEGRADED : UP));
                default -> { }
            }
        }
    }

    private void history(String service, Instant time, java.util.function.Consumer<History> update) {
        History history = services.get(service);
        if (history == null) {
            if (services.size() >= MAX_SERVICES) {
                droppedServices.increment();
                return;
            }
            history = services.computeIfAbsent(service, s -> new History());
        }
        update.accept(history);
    }

    /** The services with any recorded health, by name. */
    public Set<String> services() {
        return new TreeSet<>(services.keySet());
    }

    /**
     * The buckets of {@code service} that hold data and start in [{@code from}, {@code to}),
     * oldest first; only the last 24 hours before the newest signal of the service are kept.
     *
     * @throws NullPointerException if an argument is null
     */
    public List<HealthBucket> timeline(String service, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        History history = services.get(Objects.requireNonNull(service, "service"));
        return history == null ? List.of() : history.between(from, to);
    }

    /** Signals not kept because {@link #MAX_SERVICES} services were known already. */
    public long droppedServices() {
        return droppedServices.sum();
    }

    /** One service's ring of buckets. */
    private static final class History {
        private final long[] bucketOf = new long[BUCKETS];
        private final long[] calls = new long[BUCKETS];
        private final long[] failures = new long[BUCKETS];
        private final byte[] worst = new byte[BUCKETS];
        private long newest = Long.MIN_VALUE;

        History() {
            java.util.Arrays.fill(bucketOf, Long.MIN_VALUE);
        }

        synchronized void call(Instant time, boolean failed) {
            int i = slot(time);
            if (i >= 0) {
                calls[i]++;
                if (failed) {
                    failures[i]++;
                }
            }
        }

        synchronized void mark(Instant time, byte status) {
            int i = slot(time);
            if (i >= 0) {
                worst[i] = (byte) Math.max(worst[i], status);
            }
        }

        /** The slot of {@code time}'s bucket, cleared if it held an older bucket; -1 if too old to keep. */
        private int slot(Instant time) {
            long bucket = Math.floorDiv(time.getEpochSecond(), BUCKET_SECONDS);
            newest = Math.max(newest, bucket);
            if (bucket <= newest - BUCKETS) {
                return -1;
            }
            int i = (int) Math.floorMod(bucket, (long) BUCKETS);
            if (bucketOf[i] != bucket) {
                bucketOf[i] = bucket;
                calls[i] = 0;
                failures[i] = 0;
                worst[i] = 0;
            }
            return i;
        }

        synchronized List<HealthBucket> between(Instant from, Instant to) {
            List<HealthBucket> out = new ArrayList<>();
            long first = Math.max(Math.floorDiv(from.getEpochSecond(), BUCKET_SECONDS), newest - BUCKETS + 1);
            long last = Math.floorDiv(to.minusNanos(1).getEpochSecond(), BUCKET_SECONDS);
            for (long bucket = first; bucket <= Math.min(last, newest); bucket++) {
                int i = (int) Math.floorMod(bucket, (long) BUCKETS);
                if (bucketOf[i] != bucket) {
                    continue;
                }
                byte status = worst[i];
                if (calls[i] > 0 && failures[i] * 20 >= calls[i]) {
                    status = (byte) Math.max(status, DEGRADED);
                }
                status = (byte) Math.max(status, UP);
                out.add(new HealthBucket(Instant.ofEpochSecond(bucket * BUCKET_SECONDS), calls[i], failures[i],
                        status == DOWN ? "down" : status == DEGRADED ? "degraded" : "up"));
            }
            return out;
        }
    }
}
