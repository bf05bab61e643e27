package io.homeostat.server.metrics;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.health.HealthResult;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.server.events.EventStream;
import io.homeostat.server.ingest.Ingest;
import io.homeostat.server.ingest.IngestTotals;
import io.homeostat.server.ingest.RedisSignalSource;
import io.homeostat.server.runtime.RawSampleDownsampler;
import io.homeostat.store.jdbc.JdbcStore;
import io.homeostat.store.jdbc.LoopStateStats;
import io.homeostat.store.jdbc.WriterStats;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Homeostat's own Monitor stage. Every {@link #PERIOD} it publishes a heartbeat and its own
 * figures into the bus as metric samples of service {@value #SERVICE} (so the detectors watch
 * them like any service's), and times how long the heartbeat takes to come out of the bus: the
 * loop latency. Its health checks ({@link #checks()}) and its metrics ({@link #metrics}) read the
 * bus, the ingest totals, the store's writer and the alerting channels ({@link AlertDelivery}); its metrics also read the live stream (clients,
 * drops, slow clients cut off), which the checks leave out: a slow dashboard does not make the loop
 * unready.
 *
 * <p>Its figures that follow the traffic by design, or measure nothing ({@link #UNUSUAL_BY_DESIGN}:
 * the ingest rate, the bus queue, the heartbeat's sequence number), are not for the anomaly
 * detector: they jump whenever traffic starts or stops, and an incident on service
 * {@value #SERVICE} saying so would be a false alarm. The loop leaves them out of anomaly scoring;
 * threshold rules (e.g. on {@code homeostat.bus.pending}) and the checks above still watch them.
 *
 * <p>Thresholds (fixed; a knob each would be a knob nobody tunes): the bus queue and the store's
 * two spools are degraded from half full and unhealthy from 90 % full; the loop latency is degraded
 * from 2 s and unhealthy from 10 s (an undelivered heartbeat counts with its age so far); dropped
 * signals (bus, ingest, store) degrade for a minute after the last drop. Thread-safe.
 */
public final class SelfMonitor implements AutoCloseable {

    /** The service name of Homeostat's own samples. */
    public static final String SERVICE = "homeostat";
    /** How often the heartbeat and the samples are published. */
    public static final Duration PERIOD = Duration.ofSeconds(1);

    static final String HEARTBEAT = "homeostat.heartbeat";
    /** Signals published and not yet delivered: the bus queue (consumer lag). */
    public static final String BUS_PENDING = "homeostat.bus.pending";
    /** Signals accepted over HTTP since the previous sample: the ingest rate. */
    public static final String INGEST_ACCEPTED = "homeostat.ingest.accepted";

    /**
     * Homeostat's own series that are unusual whenever traffic starts, stops or bursts, and its
     * heartbeat (a sequence number, not a measurement): not scored for anomalies.
     */
    public static final Set<SeriesKey> UNUSUAL_BY_DESIGN = Set.of(new SeriesKey(SERVICE, INGEST_ACCEPTED),
            new SeriesKey(SERVICE, BUS_PENDING), new SeriesKey(SERVICE, HEARTBEAT));
    private static final Logger LOG = LoggerFactory.getLogger(SelfMonitor.class);
    private static final int RING = 64;
    private static final long DROP_MEMORY_NANOS = Duration.ofMinutes(1).toNanos();

    private final InProcessSignalBus bus;
    private final JdbcStore store;
    private final Ingest ingest;
    private final GuardRegistry guards;
    private final EventStream events;
    private final RawSampleDownsampler rawSamples;
    private final AlertDelivery alerts;
    private final Optional<RedisSignalSource> redis;
    private final Clock clock;
    private final AtomicLongArray sentAt = new AtomicLongArray(RING);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lastLatencyNanos = new AtomicLong();
    private final AtomicLong lastDropNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong droppedSeen = new AtomicLong();
    private final AtomicLong redisFailuresSeen = new AtomicLong();
    private final AtomicLong lastRedisFailureNanos = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong acceptedSeen = new AtomicLong();
    private final AutoCloseable subscription;
    private final Cancellable ticking;

    private SelfMonitor(InProcessSignalBus bus, JdbcStore store, RawSampleDownsampler rawSamples, Ingest ingest,
            GuardRegistry guards, EventStream events, AlertDelivery alerts, Optional<RedisSignalSource> redis,
            Scheduler scheduler) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.store = Objects.requireNonNull(store, "store");
        this.rawSamples = Objects.requireNonNull(rawSamples, "rawSamples");
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.guards = Objects.requireNonNull(guards, "guards");
        this.events = Objects.requireNonNull(events, "events");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = scheduler.clock();
        this.subscription = bus.subscribe(this::observe);
        this.ticking = scheduler.scheduleAtFixedRate(PERIOD, PERIOD, this::tick);
    }

    /**
     * Starts watching: the first heartbeat goes out one {@link #PERIOD} from now.
     *
     * @throws NullPointerException if an argument is null
     */
    public static SelfMonitor start(InProcessSignalBus bus, JdbcStore store, RawSampleDownsampler rawSamples,
            Ingest ingest, GuardRegistry guards, EventStream events, AlertDelivery alerts,
            Optional<RedisSignalSource> redis, Scheduler scheduler) {
        return new SelfMonitor(bus, store, rawSamples, ingest, guards, events, alerts, redis,
                Objects.requireNonNull(scheduler, "scheduler"));
    }

    /** Publishes the heartbeat and the figures; called every {@link #PERIOD}. */
    void tick() {
        try {
            long now = clock.monotonicNanos();
            long dropped = droppedTotal();
            long droppedBefore = droppedSeen.getAndSet(dropped);
            if (dropped > droppedBefore) {
                lastDropNanos.set(now);
            }
            long redisFailures = redis.map(RedisSignalSource::readFailures).orElse(0L);
            if (redisFailures > redisFailuresSeen.getAndSet(redisFailures)) {
                lastRedisFailureNanos.set(now);
            }
            long accepted = ingest.totals().accepted();
            long acceptedBefore = acceptedSeen.getAndSet(accepted);
            var time = clock.instant();
            long sequence = published.get() + 1;
            sentAt.set((int) (sequence % RING), now);
            if (bus.publish(new MetricSample(SERVICE, HEARTBEAT, sequence, time, Map.of()))) {
                published.set(sequence);
            }
            WriterStats stats = store.stats();
            publish(BUS_PENDING, bus.pending(), time);
            publish("homeostat.signals.dropped", dropped - droppedBefore, time);
            publish(INGEST_ACCEPTED, accepted - acceptedBefore, time);
            publish("homeostat.store.spool.bytes", stats.spool().usedBytes(), time);
            publish("homeostat.loop.latency.ms", loopLatencyNanos() / 1e6, time);
        } catch (RuntimeException e) {
            LOG.warn("self-monitoring tick failed", e);
        }
    }

    private void publish(String metric, double value, Instant time) {
        bus.publish(new MetricSample(SERVICE, metric, value, time, Map.of()));
    }

    private void observe(List<Signal> batch) {
        for (Signal signal : batch) {
            if (signal instanceof MetricSample sample && sample.service().equals(SERVICE)
                    && sample.metric().equals(HEARTBEAT)) {
                long sequence = (long) sample.value();
                lastLatencyNanos.set(clock.monotonicNanos() - sentAt.get((int) (sequence % RING)));
                delivered.accumulateAndGet(sequence, Math::max);
            }
        }
    }

    /**
     * How long the bus takes to deliver now: the latest heartbeat's time through the bus, or the
     * age of the oldest heartbeat not yet delivered if that is longer.
     */
    public long loopLatencyNanos() {
        long latency = lastLatencyNanos.get();
        long waiting = delivered.get() + 1;
        if (waiting <= published.get()) {
            latency = Math.max(latency, clock.monotonicNanos() - sentAt.get((int) (waiting % RING)));
        }
        return latency;
    }

    private long droppedTotal() {
        return bus.dropped() + store.stats().droppedRecords() + redis.map(RedisSignalSource::dropped).orElse(0L);
    }

    /**
     * The self checks, by name: {@code bus.queue}, {@code store.spool}, {@code store.loop_state}
     * (the spool of the loop's own writes), {@code store.database},
     * {@code loop.latency}, {@code signals.dropped}, {@code alerts.delivery}, and {@code redis.stream} when
     * signals come from a Redis stream too (degraded for a minute after a read failed). Unhealthy means not
     * ready.
     */
    public Map<String, HealthResult> checks() {
        Map<String, HealthResult> checks = new LinkedHashMap<>();
        checks.put("bus.queue", fill("bus queue", bus.pending(), bus.capacity(), "signals"));
        WriterStats stats = store.stats();
        checks.put("store.spool", fill("store spool", stats.spool().usedBytes(), stats.spool().maxBytes(), "bytes"));
        LoopStateStats loopState = store.loopStateStats();
        checks.put("store.loop_state", fill("loop-state spool", loopState.spool().usedBytes(),
                loopState.spool().maxBytes(), "bytes"));
        checks.put("store.database", database(stats.spool().pendingEntries(), loopState.pendingWrites()));
        long latency = loopLatencyNanos();
        HealthStatus status = latency >= Duration.ofSeconds(10).toNanos() ? HealthStatus.UNHEALTHY
                : latency >= Duration.ofSeconds(2).toNanos() ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
        checks.put("loop.latency", HealthResult.of(status, status == HealthStatus.HEALTHY ? ""
                : "signals take " + latency / 1_000_000 + " ms through the bus").withDetail("nanos", latency));
        long sinceDrop = clock.monotonicNanos() - lastDropNanos.get();
        checks.put("signals.dropped", lastDropNanos.get() != Long.MIN_VALUE && sinceDrop < DROP_MEMORY_NANOS
                ? HealthResult.degraded("signals were dropped in the last minute (" + droppedSeen.get() + " in all)")
                : HealthResult.healthy());
        checks.put("alerts.delivery", alerts.check());
        if (redis.isPresent()) {
            long sinceFailure = clock.monotonicNanos() - lastRedisFailureNanos.get();
            checks.put("redis.stream", lastRedisFailureNanos.get() != Long.MIN_VALUE && sinceFailure < DROP_MEMORY_NANOS
                    ? HealthResult.degraded("reading the Redis stream failed in the last minute (" + redisFailuresSeen.get()
                            + " failed reads in all); what is not read waits in Redis")
                    : HealthResult.healthy());
        }
        return checks;
    }

    private static HealthResult database(long spooledBatches, long loopStateWrites) {
        if (spooledBatches == 0 && loopStateWrites == 0) {
            return HealthResult.healthy();
        }
        return HealthResult.degraded("database unreachable or catching up: " + spooledBatches
                + " spooled batches and " + loopStateWrites + " loop-state writes wait for replay");
    }

    private static HealthResult fill(String what, long used, long capacity, String unit) {
        double share = capacity <= 0 ? 0 : (double) used / capacity;
        HealthStatus status = share >= 0.9 ? HealthStatus.UNHEALTHY : share >= 0.5 ? HealthStatus.DEGRADED
                : HealthStatus.HEALTHY;
        String message = status == HealthStatus.HEALTHY ? ""
                : what + " " + Math.round(share * 100) + " % full (" + used + " of " + capacity + " " + unit + ")";
        return HealthResult.of(status, message);
    }

    /** Adds Homeostat's own metrics and every guard's to {@code text}. */
    public void metrics(PrometheusText text) {
        text.gauge("homeostat_bus_pending_signals", "Signals published and not yet delivered (consumer lag)",
                bus.pending());
        text.gauge("homeostat_bus_capacity_signals", "Signals the bus holds at most", bus.capacity());
        text.counter("homeostat_bus_published_total", "Signals the bus took", bus.published());
        text.counter("homeostat_bus_delivered_total", "Signals the bus delivered to its subscribers", bus.delivered());
        text.counter("homeostat_bus_dropped_total", "Signals the bus refused because it was full or closed",
                bus.dropped());
        text.counter("homeostat_bus_subscriber_failures_total", "Subscriber calls that threw",
                bus.subscriberFailures());
        IngestTotals totals = ingest.totals();
        text.counter("homeostat_ingest_signals_total", "Signals received over HTTP, by outcome", totals.accepted(),
                "outcome", "accepted");
        text.counter("homeostat_ingest_signals_total", "Signals received over HTTP, by outcome", totals.duplicates(),
                "outcome", "duplicate");
        text.counter("homeostat_ingest_rejected_batches_total", "Ingest batches refused whole (4xx)",
                totals.rejectedBatches());
        text.counter("homeostat_ingest_busy_batches_total",
                "Ingest batches refused for now (503) because the bus had no room for them whole", totals.busyBatches());
        redis.ifPresent(source -> {
            String help = "Signals read from the Redis stream, by outcome";
            text.counter("homeostat_redis_signals_total", help, source.accepted(), "outcome", "accepted");
            text.counter("homeostat_redis_signals_total", help, source.duplicates(), "outcome", "duplicate");
            text.counter("homeostat_redis_signals_total", help, source.undecodable(), "outcome", "undecodable");
            text.counter("homeostat_redis_signals_total", help, source.dropped(), "outcome", "dropped");
            text.counter("homeostat_redis_signals_total", help, source.refused(), "outcome", "too_far_ahead");
            text.counter("homeostat_redis_read_failures_total",
                    "Reads, claims and acknowledgements of the Redis stream that failed (each tried again)",
                    source.readFailures());
        });
        WriterStats stats = store.stats();
        text.counter("homeostat_store_records_total", "Records handed to the store writer, by fate",
                stats.writtenRecords(), "fate", "written");
        text.counter("homeostat_store_records_total", "Records handed to the store writer, by fate",
                stats.spooledRecords(), "fate", "spooled");
        text.counter("homeostat_store_records_total", "Records handed to the store writer, by fate",
                stats.replayedRecords(), "fate", "replayed");
        text.counter("homeostat_store_records_total", "Records handed to the store writer, by fate",
                stats.droppedRecords(), "fate", "dropped");
        text.counter("homeostat_store_records_total", "Records handed to the store writer, by fate",
                stats.rejectedRecords(), "fate", "rejected");
        text.counter("homeostat_store_raw_samples_total",
                "Metric samples offered to the raw sample table, by fate: kept, or skipped (the series had one of that second)",
                rawSamples.kept(), "fate", "kept");
        text.counter("homeostat_store_raw_samples_total",
                "Metric samples offered to the raw sample table, by fate: kept, or skipped (the series had one of that second)",
                rawSamples.skipped(), "fate", "skipped");
        text.gauge("homeostat_store_queued_records", "Records waiting in memory for their batch",
                stats.queuedRecords());
        text.gauge("homeostat_store_spool_bytes", "Bytes in the store's disk spool", stats.spool().usedBytes());
        text.gauge("homeostat_store_spool_max_bytes", "The spool's limit", stats.spool().maxBytes());
        text.gauge("homeostat_store_spool_pending_entries", "Spooled batches waiting for replay",
                stats.spool().pendingEntries());
        LoopStateStats loopState = store.loopStateStats();
        String loopWrites = "homeostat_store_loop_state_writes_total";
        String loopHelp = "The loop's own writes (incidents, timelines, diagnoses, runs, steps), by fate";
        text.counter(loopWrites, loopHelp, loopState.directWrites(), "fate", "direct");
        text.counter(loopWrites, loopHelp, loopState.spooledWrites(), "fate", "spooled");
        text.counter(loopWrites, loopHelp, loopState.replayedWrites(), "fate", "replayed");
        text.counter(loopWrites, loopHelp, loopState.rejectedWrites(), "fate", "rejected");
        text.counter(loopWrites, loopHelp, loopState.refusedWrites(), "fate", "refused");
        text.gauge("homeostat_store_loop_state_pending_writes", "Loop-state writes waiting in the spool for replay",
                loopState.pendingWrites());
        text.gauge("homeostat_store_loop_state_spool_bytes", "Bytes in the loop-state spool",
                loopState.spool().usedBytes());
        text.gauge("homeostat_loop_latency_seconds", "How long a heartbeat takes through the bus to the loop",
                loopLatencyNanos() / 1e9);
        text.gauge("homeostat_live_clients", "Clients connected to the live stream (/api/v1/events)", events.clients());
        text.counter("homeostat_live_events_sent_total", "Live events written to clients, one per client per event",
                events.sent());
        text.counter("homeostat_live_events_dropped_total",
                "Live events dropped for every client because the stream's queue was full", events.dropped());
        text.counter("homeostat_live_clients_cut_off_total",
                "Live stream clients disconnected for falling more than " + (EventStream.CLIENT_BACKLOG_BYTES >> 20)
                        + " MiB behind", events.cutOff());
        text.counter("homeostat_live_clients_refused_total",
                "Live stream requests answered 503 because " + EventStream.MAX_CLIENTS + " clients were connected",
                events.refused());
        text.gauge("homeostat_live_backlog_bytes", "Bytes queued for live stream clients or being written to them",
                events.backlogBytes());
        for (Map.Entry<String, HealthResult> check : checks().entrySet()) {
            text.gauge("homeostat_self_check_status", "Self checks: 0 healthy, 1 degraded, 2 unhealthy",
                    check.getValue().status().ordinal(), "check", check.getKey());
        }
        alerts.metrics(text);
        for (Guard guard : guards.guards()) {
            GuardMetrics.write(guard, text);
        }
    }

    /** Stops publishing and unsubscribes. Idempotent. */
    @Override
    public void close() {
        ticking.cancel();
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("cannot unsubscribe the self monitor", e);
        }
    }
}
