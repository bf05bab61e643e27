package io.homeostat.store.redis;

import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.codec.SignalCodec;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending half of the bus: a bounded local buffer that publishers offer to without blocking,
 * and one thread that drains it in batches and sends each batch as pipelined XADDs (one flush,
 * one wait for all replies). A batch that fails is retried (only its failed entries) after a
 * pause that grows to 1 s, so an outage fills the buffer and later publishes are dropped and
 * counted; at close, what cannot be sent after three more tries is counted as dropped. Thread-safe.
 */
final class StreamPublisher {

    /** The one field of each stream entry: the signal's JSON. */
    static final String FIELD = "s";
    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int ATTEMPTS_AT_CLOSE = 3;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisAsyncCommands<String, byte[]> redis;
    private final RedisStreamBusConfig config;
    private final SignalCodec codec;
    private final Clock clock;
    private final XAddArgs trim;
    private final ArrayBlockingQueue<Signal> buffer;
    private final Thread thread;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private volatile boolean closed;
    private volatile boolean parked;

    StreamPublisher(StatefulRedisConnection<String, byte[]> connection, RedisStreamBusConfig config,
            SignalCodec codec, Clock clock) {
        this.connection = connection;
        this.redis = connection.async();
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.trim = new XAddArgs().maxlen(config.maxLength()).approximateTrimming();
        this.buffer = new ArrayBlockingQueue<>(config.bufferCapacity());
        connection.setAutoFlushCommands(false); // this connection is the sending thread's alone
        this.thread = new Thread(this::sendLoop, "homeostat-redis-bus-publisher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    boolean offer(Signal signal) {
        if (!closed && buffer.offer(signal)) {
            accepted.increment();
            if (parked) {
                LockSupport.unpark(thread);
            }
            return true;
        }
        dropped.increment();
        return false;
    }

    long accepted() {
        return accepted.sum();
    }

    long dropped() {
        return dropped.sum();
    }

    long sent() {
        return sent.sum();
    }

    long sendFailures() {
        return sendFailures.sum();
    }

    int pending() {
        return buffer.size();
    }

    /** Stops taking signals, sends what is buffered (or counts it as dropped), stops the thread. */
    void close() {
        closed = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        dropped.add(buffer.size()); // offered in the instant of closing, after the last drain
        buffer.clear();
        connection.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendLoop() {
        List<Signal> batch = new ArrayList<>(config.batchSize());
        while (true) {
            buffer.drainTo(batch, config.batchSize());
            if (!batch.isEmpty()) {
                sendUntilDone(batch);
                batch.clear();
                continue;
            }
            if (closed) {
                return;
            }
            parked = true;
            if (buffer.isEmpty() && !closed) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            parked = false;
        }
    }

    private void sendUntilDone(List<Signal> batch) {
        List<byte[]> unsent = new ArrayList<>(batch.size());
        for (Signal signal : batch) {
            unsent.add(codec.encode(signal));
        }
        Duration pause = Duration.ofMillis(10);
        int attemptsLeft = ATTEMPTS_AT_CLOSE;
        while (!unsent.isEmpty()) {
            unsent = sendOnce(unsent);
            if (unsent.isEmpty()) {
                return;
            }
            sendFailures.increment();
            if (closed && --attemptsLeft == 0) {
                dropped.add(unsent.size());
                return;
            }
            try {
                clock.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Sends every entry in one pipelined round trip; returns the entries that failed. */
    private List<byte[]> sendOnce(List<byte[]> entries) {
        List<RedisFuture<String>> replies = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            replies.add(redis.xadd(config.streamKey(), trim, FIELD, entry));
        }
        connection.flushCommands();
        awaitAll(replies);
        List<byte[]> failed = new ArrayList<>(0);
        for (int i = 0; i < entries.size(); i++) {
            if (succeeded(replies.get(i))) {
                sent.increment();
            } else {
                failed.add(entries.get(i));
            }
        }
        return failed;
    }

    private static boolean succeeded(RedisFuture<String> reply) {
        if (!reply.isDone()) {
            reply.cancel(false);
            return false;
        }
        try {
            reply.get(0, TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitAll(List<RedisFuture<String>> replies) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[replies.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = replies.get(i).toCompletableFuture();
        }
        try {
            CompletableFuture.allOf(all).get(connection.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // each reply is looked at on its own
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
