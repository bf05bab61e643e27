package io.homeostat.store.redis;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.codec.SignalCodec;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/** Builds a {@link RedisStreamSignalBus}; from {@link RedisStreamSignalBus#builder}. Not thread-safe. */
public final class RedisStreamSignalBusBuilder {

    private final RedisClient client;
    private RedisKeyspace keyspace = RedisKeyspace.defaults();
    private String stream = "signals";
    private String group = "control-plane";
    private String consumer = "consumer-" + UUID.randomUUID();
    private long maxLength = 1_000_000;
    private int bufferCapacity = 65_536;
    private int batchSize = 512;
    private Duration claimIdle = Duration.ofSeconds(30);
    private Duration block = Duration.ofMillis(100);
    private Clock clock = Clock.system();
    private SignalCodec codec;

    RedisStreamSignalBusBuilder(RedisClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** The key prefix. Default {@link RedisKeyspace#defaults()}. */
    public RedisStreamSignalBusBuilder keyspace(RedisKeyspace keyspace) {
        this.keyspace = keyspace;
        return this;
    }

    /** The stream's name. Default {@code signals}. */
    public RedisStreamSignalBusBuilder stream(String stream) {
        this.stream = stream;
        return this;
    }

    /** The consumer group of the control-plane replicas. Default {@code control-plane}. */
    public RedisStreamSignalBusBuilder group(String group) {
        this.group = group;
        return this;
    }

    /** This replica's consumer name. Default {@code consumer-<random UUID>}: give a stable one to replicas. */
    public RedisStreamSignalBusBuilder consumer(String consumer) {
        this.consumer = consumer;
        return this;
    }

    /** The approximate stream length kept (MAXLEN ~). Default 1,000,000. */
    public RedisStreamSignalBusBuilder maxLength(long maxLength) {
        this.maxLength = maxLength;
        return this;
    }

    /** Signals waiting locally to be sent, at most. Default 65,536. */
    public RedisStreamSignalBusBuilder bufferCapacity(int bufferCapacity) {
        this.bufferCapacity = bufferCapacity;
        return this;
    }

    /** Signals per pipelined round trip and per read. Default 512. */
    public RedisStreamSignalBusBuilder batchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /** Idle time after which a dead consumer's entries are claimed. Default 30 s. */
    public RedisStreamSignalBusBuilder claimIdle(Duration claimIdle) {
        this.claimIdle = claimIdle;
        return this;
    }

    /** How long one read waits for new entries. Default 100 ms. */
    public RedisStreamSignalBusBuilder block(Duration block) {
        this.block = block;
        return this;
    }

    /** The clock for claim intervals and retry pauses. Default system. */
    public RedisStreamSignalBusBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The codec. Default a new {@link SignalCodec}. */
    public RedisStreamSignalBusBuilder codec(SignalCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * The configuration as it stands.
     *
     * @throws IllegalArgumentException if a setting is invalid (see {@link RedisStreamBusConfig})
     */
    public RedisStreamBusConfig config() {
        return new RedisStreamBusConfig(keyspace, stream, group, consumer, maxLength, bufferCapacity, batchSize,
                claimIdle, block);
    }

    /**
     * A started bus: its publisher connection is open; the consumer starts with the first
     * subscription.
     *
     * @throws IllegalArgumentException if a setting is invalid
     * @throws io.lettuce.core.RedisException if Redis cannot be reached
     */
    public RedisStreamSignalBus build() {
        return RedisStreamSignalBus.start(client, config(), codec == null ? SignalCodec.create() : codec, clock);
    }
}
