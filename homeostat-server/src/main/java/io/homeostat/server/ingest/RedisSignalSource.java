package io.homeostat.server.ingest;

import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.Signal;
import io.homeostat.store.redis.RedisConnector;
import io.homeostat.store.redis.RedisKeyspace;
import io.homeostat.store.redis.RedisStreamSignalBus;
import io.homeostat.store.redis.StreamSignal;
import io.homeostat.core.time.Clock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals from a Redis stream, the distributed mode's way in: applications publish with
 * {@link RedisStreamSignalBus}, and the server reads the stream through a consumer group into its
 * loop's bus, beside {@code POST /api/v1/signals}. Redis delivers at least once (an entry a
 * consumer read and never acknowledged is claimed again), so an entry seen before is skipped by its
 * stream id. Nothing is dropped for want of room: while the loop's bus cannot take a batch, the
 * consumer waits, and what it has not read stays in Redis (a batch is acknowledged once handed on).
 * Close it before the loop's bus. Thread-safe.
 */
public final class RedisSignalSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSignalSource.class);
    /** How long the consumer waits before offering a batch the bus refused again. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** While closing, how often a refused batch is offered again (about 10 s) before it is given up. */
    private static final int MAX_TRIES_WHILE_CLOSING = 1_000;

    /**
     * Where the stream is.
     *
     * @param url e.g. {@code redis://127.0.0.1:6379}
     * @param prefix the keyspace the applications publish under (their {@link RedisKeyspace})
     * @param stream the stream's name within it
     * @param group the consumer group the server reads with
     */
    public record Settings(URI url, String prefix, String stream, String group) {

        /**
         * @throws IllegalArgumentException if the URL is not a {@code redis} or {@code rediss} one, the
         *     prefix is not a {@link RedisKeyspace}'s, or a name is blank
         */
        public Settings {
            Objects.requireNonNull(url, "url");
            if (!"redis".equals(url.getScheme()) && !"rediss".equals(url.getScheme())) {
                throw new IllegalArgumentException("url must be redis://host:port or rediss://host:port, was " + url);
            }
            new RedisKeyspace(prefix); // its rules: no white space, no ':' at the end
            for (String name : new String[] {stream, group}) {
                if (Objects.requireNonNull(name, "name").isBlank()) {
                    throw new IllegalArgumentException("stream and group must not be blank");
                }
            }
        }

        /** The stream {@code signals} under {@link RedisKeyspace#DEFAULT_PREFIX}, read by group {@code homeostat-server}. */
        public static Settings at(URI url) {
            return new Settings(url, RedisKeyspace.DEFAULT_PREFIX, "signals", "homeostat-server");
        }
    }

    private final RedisClient client;
    private final RedisStreamSignalBus stream;
    private final InProcessSignalBus bus;
    private final SeenIds seen = new SeenIds(SeenIds.DEFAULT_CAPACITY);
    private final AutoCloseable subscription;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final Clock clock;
    private final Duration maxFutureSkew;
    private volatile boolean closed;

    private RedisSignalSource(Settings settings, String consumer, InProcessSignalBus bus, Clock clock,
            Duration maxFutureSkew) {
        this.bus = bus;
        this.clock = clock;
        this.maxFutureSkew = maxFutureSkew;
        this.client = RedisConnector.client(settings.url().toString());
        this.stream = RedisStreamSignalBus.builder(client).keyspace(new RedisKeyspace(settings.prefix()))
                .stream(settings.stream()).group(settings.group()).consumer(consumer).build();
        this.subscription = stream.subscribeEntries(this::forward);
    }

    /**
     * Starts reading the stream {@code settings} name as {@code consumer} of its group into {@code bus};
     * a signal more than {@code maxFutureSkew} ahead of {@code clock} is refused, as over HTTP.
     * Reading begins at once and goes on while Redis is away (each read is tried again).
     *
     * @throws RedisUnreachableException if Redis does not answer now
     */
    public static RedisSignalSource start(Settings settings, String consumer, InProcessSignalBus bus, Clock clock,
            Duration maxFutureSkew) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        try {
            return new RedisSignalSource(settings, consumer, bus, clock, maxFutureSkew);
        } catch (RedisException e) {
            throw new RedisUnreachableException(settings.url(), e);
        }
    }

    /** Redis did not answer when the server started. */
    public static final class RedisUnreachableException extends IllegalStateException {

        RedisUnreachableException(URI url, RedisException cause) {
            super("cannot reach Redis at " + withoutUserInfo(url) + " (redis.url): " + cause.getMessage(), cause);
        }
    }

    /** {@code url} without its user and password, which a message must not show. */
    public static String withoutUserInfo(URI url) {
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    private void forward(List<StreamSignal> read) {
        // As over HTTP: a signal further ahead of the server's clock than allowed is refused.
        Instant latest = clock.instant().plus(maxFutureSkew);
        List<StreamSignal> entries = new ArrayList<>(read.size());
        for (StreamSignal entry : read) {
            if (entry.signal().time().isAfter(latest)) {
                refused.increment();
            } else {
                entries.add(entry);
            }
        }
        if (entries.size() < read.size()) {
            LOG.warn("{} signals of the Redis stream lie more than {} ahead of the server's clock; refused",
                    read.size() - entries.size(), maxFutureSkew);
            if (entries.isEmpty()) {
                return;
            }
        }
        List<String> ids = new ArrayList<>(entries.size());
        entries.forEach(entry -> ids.add(entry.id()));
        int[] fresh;
        int triesWhileClosing = 0;
        while ((fresh = seen.recordIfTaken(ids, positions -> bus.publishAll(signals(entries, positions)))) == null) {
            // The batch is acknowledged once this returns, so it waits for room; closing, for a while only.
            if (bus.isClosed() || (closed && ++triesWhileClosing > MAX_TRIES_WHILE_CLOSING)) {
                dropped.add(entries.size());
                LOG.error("{} signals read from the Redis stream could not be handed to the loop, which {}; they are"
                        + " lost", entries.size(), bus.isClosed() ? "is closed" : "did not take them while closing");
                return;
            }
            LockSupport.parkNanos(RETRY_NANOS);
        }
        accepted.add(fresh.length);
        duplicates.add(entries.size() - fresh.length);
    }

    private static List<Signal> signals(List<StreamSignal> entries, int[] positions) {
        List<Signal> signals = new ArrayList<>(positions.length);
        for (int position : positions) {
            signals.add(entries.get(position).signal());
        }
        return signals;
    }

    /** Signals taken from the stream into the loop's bus. */
    public long accepted() {
        return accepted.sum();
    }

    /** Entries skipped as seen before (delivered again after a claim). */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Signals refused for lying too far ahead of the server's clock. */
    public long refused() {
        return refused.sum();
    }

    /** Signals read and lost: the loop's bus was closed, or did not take them while the server closed. */
    public long dropped() {
        return dropped.sum();
    }

    /** Entries that were not valid signals (acknowledged and left out). */
    public long undecodable() {
        return stream.undecodable();
    }

    /** Reads, claims and acknowledgements that failed, each tried again: Redis was away. */
    public long readFailures() {
        return stream.readFailures();
    }

    /** Stops reading after the batch in hand and closes the connections. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("unsubscribing from the Redis stream failed", e);
        }
        stream.close();
        client.shutdown();
    }
}
