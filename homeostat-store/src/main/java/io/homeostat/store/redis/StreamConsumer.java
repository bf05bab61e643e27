package io.homeostat.store.redis;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.engine.codec.SignalDecodingException;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The receiving half of the bus, one thread on its own connection: joins the consumer group
 * (creating it, and the stream, at the stream's start, so nothing published before the first
 * replica came up is skipped), takes back its own unacknowledged entries first, then reads new
 * entries (XREADGROUP ... BLOCK) and every half {@code claimIdle} claims entries other consumers
 * left unacknowledged for {@code claimIdle} (XAUTOCLAIM). Each batch goes to the subscribers, then
 * is acknowledged (XACK), whether or not a subscriber threw: a batch that made a subscriber throw
 * would otherwise come back forever. Entries that are not valid signals are counted and
 * acknowledged. Thread-safe.
 */
final class StreamConsumer {

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration FAILURE_PAUSE = Duration.ofMillis(100);
    private static final int MAX_CLAIM_ROUNDS = 100;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisCommands<String, byte[]> redis;
    private final RedisStreamBusConfig config;
    private final SignalCodec codec;
    private final Clock clock;
    private final java.util.function.Consumer<List<StreamSignal>> sink;
    private final BooleanSupplier wanted;
    private final Consumer<String> me;
    private final Thread thread;
    final LongAdder delivered = new LongAdder();
    final LongAdder claimed = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder undecodable = new LongAdder();
    final LongAdder readFailures = new LongAdder();
    private volatile boolean closed;
    private boolean joined;
    private boolean ownPendingTaken;
    private long nextClaimNanos;

    StreamConsumer(StatefulRedisConnection<String, byte[]> connection, RedisStreamBusConfig config, SignalCodec codec,
            Clock clock, java.util.function.Consumer<List<StreamSignal>> sink, BooleanSupplier wanted) {
        this.connection = connection;
        this.redis = connection.sync();
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.sink = sink;
        this.wanted = wanted;
        this.me = Consumer.from(config.group(), config.consumer());
        this.nextClaimNanos = clock.monotonicNanos();
        this.thread = new Thread(this::readLoop, "homeostat-redis-bus-consumer-" + config.consumer());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Stops after the batch in hand (delivered and acknowledged), and closes the connection. */
    void close() {
        closed = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        connection.close();
    }

    private void readLoop() {
        while (!closed) {
            if (!wanted.getAsBoolean()) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            try {
                step();
            } catch (RedisException e) {
                readFailures.increment();
                if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                    joined = false; // the stream was deleted: join again
                }
                pause();
            } catch (RuntimeException e) {
                readFailures.increment(); // an unexpected reply: counted, and the replica keeps reading
                pause();
            }
        }
    }

    private void step() {
        if (!joined) {
            join();
        }
        if (!ownPendingTaken) {
            List<StreamMessage<String, byte[]>> own = redis.xreadgroup(me,
                    XReadArgs.Builder.count(config.batchSize()), XReadArgs.StreamOffset.from(config.streamKey(), "0"));
            ownPendingTaken = own.isEmpty();
            handle(own);
            return;
        }
        if (clock.monotonicNanos() - nextClaimNanos >= 0) {
            claim();
            nextClaimNanos = clock.monotonicNanos() + config.claimIdle().toNanos() / 2;
        }
        handle(redis.xreadgroup(me, XReadArgs.Builder.count(config.batchSize()).block(config.block()),
                XReadArgs.StreamOffset.lastConsumed(config.streamKey())));
    }

    private void join() {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(config.streamKey(), "0"), config.group(),
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisCommandExecutionException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
            // another replica made the group
        }
        joined = true;
    }

    private void claim() {
        String start = "0-0";
        for (int round = 0; round < MAX_CLAIM_ROUNDS && !closed; round++) {
            ClaimedMessages<String, byte[]> page = redis.xautoclaim(config.streamKey(), new XAutoClaimArgs<String>()
                    .consumer(me).minIdleTime(config.claimIdle()).startId(start).count(config.batchSize()));
            claimed.add(page.getMessages().size());
            handle(page.getMessages());
            start = page.getId();
            if ("0-0".equals(start)) {
                return;
            }
        }
    }

    private void handle(List<StreamMessage<String, byte[]>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<StreamSignal> batch = new ArrayList<>(entries.size());
        String[] ids = new String[entries.size()];
        for (int i = 0; i < ids.length; i++) {
            StreamMessage<String, byte[]> entry = entries.get(i);
            ids[i] = entry.getId();
            byte[] json = entry.getBody() == null ? null : entry.getBody().get(StreamPublisher.FIELD);
            if (json == null) {
                undecodable.increment(); // no body: trimmed or deleted while pending
                continue;
            }
            try {
                batch.add(new StreamSignal(entry.getId(), codec.decode(json)));
            } catch (SignalDecodingException e) {
                undecodable.increment();
            }
        }
        if (!batch.isEmpty()) {
            sink.accept(List.copyOf(batch));
            delivered.add(batch.size());
        }
        acknowledged.add(redis.xack(config.streamKey(), config.group(), ids));
    }

    private void pause() {
        try {
            clock.sleep(FAILURE_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
