package io.homeostat.store.redis;

import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.codec.SignalCodec;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending half of the bus: a bounded local buffer that publishers offer to without blocking,
 * and one thread that drains it in batches and sends each batch as one Lua script call that runs
 * {@code XADD <stream> MAXLEN ~ <maxLength> * s <json>} once per signal on the server, with up to
 * four batches pipelined (sent, replies not yet awaited). A batch that fails is sent again after a
 * pause that grows to 1 s, so an outage fills the buffer and later publishes are dropped and
 * counted; at close, what cannot be sent after three more tries is counted as dropped. Thread-safe.
 */
final class StreamPublisher {

    /** The one field of each stream entry: the signal's JSON. */
    static final String FIELD = "s";

    /**
     * One XADD per signal, run by the server for a whole batch. A client-side pipeline of single
     * XADDs spent most of this process's CPU in Lettuce's per-command work (RedisBusBenchmark,
     * profiled); one call per batch spends it once.
     */
    private static final LuaScript ADD_BATCH = new LuaScript("""
            for i = 2, #ARGV do
              redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 's', ARGV[i])
            end
            return #ARGV - 1
            """, ScriptOutputType.INTEGER);

    private static final Duration MAX_PAUSE = Duration.ofSeconds(1);
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int ATTEMPTS_AT_CLOSE = 3;
    /** Batches sent before the oldest one's reply is waited for: encoding overlaps the round trip. */
    private static final int IN_FLIGHT = 4;

    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisAsyncCommands<String, byte[]> redis;
    private final String[] streamKey;
    private final byte[] maxLength;
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
        this.redis = connection.async();
        this.streamKey = new String[] {config.streamKey()};
        this.maxLength = Long.toString(config.maxLength()).getBytes(StandardCharsets.US_ASCII);
        this.config = config;
        this.codec = codec;
        this.clock = clock;
        this.buffer = new ArrayBlockingQueue<>(config.bufferCapacity());
        loadScript();
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

    /** Sends the batch as one script call, without waiting for its reply. */
    private InFlight issue(List<byte[]> entries) {
        byte[][] args = new byte[entries.size() + 1][];
        args[0] = maxLength;
        for (int i = 0; i < entries.size(); i++) {
            args[i + 1] = entries.get(i);
        }
        return new InFlight(entries, redis.evalsha(ADD_BATCH.sha(), ScriptOutputType.INTEGER, streamKey, args));
    }

    /** Waits for a batch's reply; counts what was stored and returns the entries that failed. */
    private List<byte[]> collect(InFlight batch) {
        RedisFuture<Long> reply = batch.reply();
        try {
            reply.get(connection.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
            sent.add(batch.entries().size());
            return new ArrayList<>(0);
        } catch (ExecutionException e) {
            if (String.valueOf(e.getCause().getMessage()).startsWith("NOSCRIPT")) {
                loadScript(); // Redis restarted, or never saw it: the retry finds it
            }
        } catch (TimeoutException | CancellationException e) {
            reply.cancel(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ArrayList<>(batch.entries());
    }

    private void loadScript() {
        try {
            redis.scriptLoad(ADD_BATCH.text().getBytes(StandardCharsets.UTF_8))
                    .get(connection.getTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Redis away: the batch fails again and the script is loaded then
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record InFlight(List<byte[]> entries, RedisFuture<Long> reply) {}
}
