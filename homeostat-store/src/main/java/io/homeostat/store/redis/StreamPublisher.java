package io.homeostat.store.redis;

import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.codec.SignalCodec;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * and one thread that drains it in batches and sends each batch as pipelined XADDs (one flush),
 * with up to four batches awaiting replies. Entries that fail are sent again after a
 * pause that grows to 1 s, so an outage fills the buffer and later publishes are dropped and
 * counted; at close, what cannot be sent after three more tries is counted as dropped. Thread-safe.
 */
final class StreamPublisher {

    /** The one field of each stream entry: the signal's JSON. */
    static final String FIELD = "s";
    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int ATTEMPTS_AT_CLOSE = 3;
    /** Batches sent before the oldest one's replies are waited for: encoding overlaps the round trip. */
    private static final int IN_FLIGHT = 4;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisStreamBusConfig config;
    private final SignalCodec codec;
    private final Clock clock;
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
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.buffer = new ArrayBlockingQueue<>(config.bufferCapacity());
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
        ArrayDeque<InFlight> inFlight = new ArrayDeque<>(IN_FLIGHT);
        while (true) {
            buffer.drainTo(batch, config.batchSize());
            if (!batch.isEmpty()) {
                List<byte[]> entries = new ArrayList<>(batch.size());
                for (Signal signal : batch) {
                    entries.add(codec.encode(signal));
                }
                batch.clear();
                inFlight.add(issue(entries));
                if (inFlight.size() >= IN_FLIGHT) {
                    settle(inFlight);
                }
                continue;
            }
            if (!inFlight.isEmpty()) {
                settle(inFlight);
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

    /**
     * Waits for the oldest batch in flight. If some of its entries failed, waits for the rest too
     * and sends everything that failed again until it is stored (or, closing, given up).
     */
    private void settle(ArrayDeque<InFlight> inFlight) {
        List<byte[]> failed = collect(inFlight.poll());
        if (failed.isEmpty()) {
            return;
        }
        while (!inFlight.isEmpty()) {
            failed.addAll(collect(inFlight.poll()));
        }
        Duration pause = Duration.ofMillis(10);
        int attemptsLeft = ATTEMPTS_AT_CLOSE;
        while (!failed.isEmpty()) {
            sendFailures.increment();
            if (closed && --attemptsLeft == 0) {
                dropped.add(failed.size());
                return;
            }
            try {
                clock.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            failed = collect(issue(failed));
        }
    }

    /** Sends every entry as one pipelined flush, without waiting for the replies. */
    private InFlight issue(List<byte[]> entries) {
        List<AsyncCommand<String, byte[], String>> commands = new ArrayList<>(entries.size());
        for (byte[] entry : entries) {
            CommandArgs<String, byte[]> args = new CommandArgs<>(RedisStreamSignalBus.CODEC).addKey(config.streamKey())
                    .add("MAXLEN").add("~").add(config.maxLength()).add("*").add(FIELD).addValue(entry);
            commands.add(new AsyncCommand<>(new Command<>(CommandType.XADD,
                    new StatusOutput<>(RedisStreamSignalBus.CODEC), args)));
        }
        // One write of the whole batch: dispatching commands one by one costs a task each on the I/O thread.
        connection.dispatch(commands);
        return new InFlight(entries, new ArrayList<RedisFuture<String>>(commands));
    }

    /** Waits for a batch's replies; counts what was stored and returns the entries that failed. */
    private List<byte[]> collect(InFlight batch) {
        awaitAll(batch.replies());
        List<byte[]> failed = new ArrayList<>(0);
        for (int i = 0; i < batch.entries().size(); i++) {
            if (succeeded(batch.replies().get(i))) {
                sent.increment();
            } else {
                failed.add(batch.entries().get(i));
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

    private record InFlight(List<byte[]> entries, List<RedisFuture<String>> replies) {}

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
