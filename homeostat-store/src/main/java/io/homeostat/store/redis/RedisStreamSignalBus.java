package io.homeostat.store.redis;

import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.codec.SignalCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The distributed-mode {@link SignalBus}: application instances publish to one Redis stream, and
 * the control-plane replicas consume it through one consumer group, so each entry goes to one
 * replica.
 *
 * <p><b>Publishing</b> never blocks: {@link #publish} offers to a bounded local buffer (default
 * 65,536) that one thread drains in batches (default 512), JSON by {@link SignalCodec}. Each batch
 * is one Lua script call that runs {@code XADD <stream> MAXLEN ~ <maxLength> * s <json>} once per
 * signal on the server, and up to four batches are pipelined. A full buffer or a closed bus drops
 * and counts ({@link #dropped()}); while Redis is away the sender retries its batch, so the buffer
 * fills and later signals are dropped and counted. A batch retried after its reply was lost can
 * be stored twice, under other ids.
 *
 * <p><b>Consuming</b> starts with the first subscription, on one thread and its own connection:
 * batches (default up to 512) go to every subscriber of this instance, then are acknowledged
 * (XACK). Entries a dead consumer read and never acknowledged are claimed (XAUTOCLAIM) by a live
 * one once idle for {@code claimIdle} (default 30 s), so delivery is at least once: a subscriber
 * that must act once per signal deduplicates by {@link StreamSignal#id()}, which
 * {@link #subscribeEntries} delivers. A subscriber that throws is counted and keeps its
 * subscription. While this instance has no subscriber it reads nothing.
 *
 * <p>Use a client from {@link RedisConnector}. Thread-safe.
 */
public final class RedisStreamSignalBus implements SignalBus {

    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisClient client;
    private final RedisStreamBusConfig config;
    private final SignalCodec codec;
    private final Clock clock;
    private final StreamPublisher publisher;
    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final AtomicLong subscriberFailures = new AtomicLong();
    private StreamConsumer consumer;
    private boolean closed;

    private RedisStreamSignalBus(RedisClient client, RedisStreamBusConfig config, SignalCodec codec, Clock clock) {
        this.client = client;
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.publisher = new StreamPublisher(client.connect(CODEC), config, codec, clock);
    }

    /** A builder over {@code client} with the defaults. */
    public static RedisStreamSignalBusBuilder builder(RedisClient client) {
        return new RedisStreamSignalBusBuilder(client);
    }

    static RedisStreamSignalBus start(RedisClient client, RedisStreamBusConfig config, SignalCodec codec, Clock clock) {
        return new RedisStreamSignalBus(client, config, codec, clock);
    }

    /**
     * Offers {@code signal} to the send buffer without blocking.
     *
     * @return false if the buffer was full or the bus closed; the drop is counted
     * @throws NullPointerException if {@code signal} is null
     */
    @Override
    public boolean publish(Signal signal) {
        return publisher.offer(Objects.requireNonNull(signal, "signal"));
    }

    /**
     * {@inheritDoc} Starts this replica's consumer if it is the first subscription.
     *
     * @throws IllegalStateException if the bus is closed
     */
    @Override
    public AutoCloseable subscribe(Consumer<List<Signal>> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        return subscribeEntries(entries -> {
            List<Signal> signals = new ArrayList<>(entries.size());
            for (StreamSignal entry : entries) {
                signals.add(entry.signal());
            }
            subscriber.accept(List.copyOf(signals));
        });
    }

    /**
     * Like {@link #subscribe}, with each signal's stream entry id, to deduplicate by.
     *
     * @throws IllegalStateException if the bus is closed
     */
    public synchronized AutoCloseable subscribeEntries(Consumer<List<StreamSignal>> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (closed) {
            throw new IllegalStateException("the bus is closed");
        }
        Subscription subscription = new Subscription(subscriber);
        subscribers.add(subscription);
        if (consumer == null) {
            consumer = new StreamConsumer(client.connect(CODEC), config, codec, clock, this::deliver,
                    () -> !subscribers.isEmpty());
        }
        return () -> subscribers.remove(subscription);
    }

    @Override
    public long published() {
        return publisher.accepted();
    }

    @Override
    public long dropped() {
        return publisher.dropped();
    }

    /** Signals stored in the stream by this instance (XADD acknowledged by Redis). */
    public long sent() {
        return publisher.sent();
    }

    /** Send round trips that failed in part or whole (each retried, or dropped at close). */
    public long sendFailures() {
        return publisher.sendFailures();
    }

    /** Signals accepted and not yet handed to Redis. */
    public int pending() {
        return publisher.pending();
    }

    /** Signals handed to this instance's subscribers (each counted once, however many subscribers). */
    public synchronized long delivered() {
        return consumer == null ? 0 : consumer.delivered.sum();
    }

    /** Entries this instance claimed from consumers that left them unacknowledged. */
    public synchronized long claimed() {
        return consumer == null ? 0 : consumer.claimed.sum();
    }

    /** Entries that were not valid signals (counted, acknowledged, not delivered). */
    public synchronized long undecodable() {
        return consumer == null ? 0 : consumer.undecodable.sum();
    }

    /** Reads, claims and acknowledgements that failed (Redis away); each is tried again. */
    public synchronized long readFailures() {
        return consumer == null ? 0 : consumer.readFailures.sum();
    }

    /** Times a subscriber threw. */
    public long subscriberFailures() {
        return subscriberFailures.get();
    }

    /** The configuration it runs with. */
    public RedisStreamBusConfig config() {
        return config;
    }

    /**
     * Stops accepting signals, sends what is buffered (what cannot be sent after three tries is
     * counted as dropped), stops consuming after the batch in hand, and closes its connections
     * (not the client). Idempotent.
     */
    @Override
    public void close() {
        StreamConsumer running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = consumer;
        }
        publisher.close();
        if (running != null) {
            running.close();
        }
    }

    private void deliver(List<StreamSignal> batch) {
        for (Subscription subscription : subscribers) {
            try {
                subscription.subscriber.accept(batch);
            } catch (RuntimeException | Error e) {
                subscriberFailures.incrementAndGet();
            }
        }
    }

    private record Subscription(Consumer<List<StreamSignal>> subscriber) {
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
