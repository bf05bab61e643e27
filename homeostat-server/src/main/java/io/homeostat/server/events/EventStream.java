package io.homeostat.server.events;

import io.javalin.http.sse.SseClient;
import io.javalin.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans live events out to the connected SSE clients, so that a slow or stalled client delays no
 * other. Publishers never block: an event goes into a bounded queue ({@value #QUEUE_CAPACITY}
 * events; when it is full the event is dropped for every client and counted, {@link #dropped()}).
 * One sender thread writes each event as JSON once and hands it to every client's own backlog; it
 * never writes to a connection. Each client has a virtual thread that writes its backlog, so a
 * client that does not read blocks only its own thread.
 *
 * <p>A client more than {@value #CLIENT_BACKLOG_BYTES} bytes behind (queued or being written) is
 * disconnected and counted ({@link #cutOff()}): a browser's EventSource reconnects and the dashboard
 * then loads every panel again, which is cheaper than catching up. As every backlog is the newest
 * part of the same sequence of events (which are shared, not copied), the events held for all
 * clients together take at most that many bytes (or one larger event), plus a queue node per event
 * per client. A client whose connection fails is removed. When no event has gone out for the
 * keep-alive interval ({@link #KEEP_ALIVE} by default), every client gets an SSE comment, which
 * EventSource ignores: a client that went away while nothing happened is found by the failed
 * write instead of holding its thread and connection until the next event, and proxies do not
 * close an idle stream. At most {@value #MAX_CLIENTS} clients are connected at a time (each holds a
 * connection and a thread): {@link #admits()} says whether one more may join, and counts those it
 * refuses ({@link #refused()}). Thread-safe.
 */
public final class EventStream implements AutoCloseable {

    /** How long {@link #close()} waits for each client's connection to close. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    /** How long the stream may be silent before every client gets a keep-alive comment. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    /** Events waiting for the sender at most. */
    public static final int QUEUE_CAPACITY = 10_000;
    /** Bytes a client may be behind before it is disconnected (4 MiB). */
    public static final long CLIENT_BACKLOG_BYTES = 4L << 20;
    /** Clients connected at a time at most. */
    public static final int MAX_CLIENTS = 256;
    /** What a client refused for {@link #MAX_CLIENTS} is told to wait before it tries again, in seconds. */
    public static final int RETRY_AFTER_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

    private final JsonMapper json;
    private final Set<LiveClient> clients = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<LiveEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder cutOff = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final Duration keepAlive;
    private final Thread sender;
    private volatile boolean closed;

    /**
     * A stream that writes each event's data with {@code json} (a {@code String} goes out as it is),
     * and starts its sender thread.
     *
     * @throws NullPointerException if {@code json} is null
     */
    public EventStream(JsonMapper json) {
        this(json, KEEP_ALIVE);
    }

    /** As {@link #EventStream(JsonMapper)}, with another keep-alive interval (tests). */
    EventStream(JsonMapper json, Duration keepAlive) {
        this.json = Objects.requireNonNull(json, "json");
        this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
        this.sender = Thread.ofPlatform().daemon().name("homeostat-events").start(this::sendLoop);
    }

    /** Queues {@code event} for every client connected when it is sent; never blocks. */
    public void publish(LiveEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed || clients.isEmpty()) {
            return;
        }
        if (!queue.offer(event)) {
            dropped.increment();
        }
    }

    /**
     * Whether one more client may join; if not, counts it as {@linkplain #refused() refused}. The
     * caller answers 503 then, with {@code Retry-After} (say {@value #RETRY_AFTER_SECONDS} s). Checked
     * before the stream's headers go out, so requests arriving together may pass the limit by as
     * many as the server handles at once.
     */
    public boolean admits() {
        if (clients.size() < MAX_CLIENTS) {
            return true;
        }
        refused.increment();
        return false;
    }

    /** Keeps {@code client} until its connection closes, it falls too far behind or this stream closes. */
    public void attach(SseClient client) {
        attach(client, () -> true);
    }

    /**
     * As {@link #attach(SseClient)}, and until {@code allowed} says no: it is asked before each event
     * and keep-alive comment goes out, so a client whose session ended (signed out, expired) gets
     * nothing more and is disconnected.
     */
    public void attach(SseClient client, BooleanSupplier allowed) {
        Objects.requireNonNull(allowed, "allowed");
        client.keepAlive();
        LiveClient live = new LiveClient(client, CLIENT_BACKLOG_BYTES, sent, allowed);
        client.onClose(() -> {
            clients.remove(live);
            live.stop();
        });
        clients.add(live);
        live.start();
        if (closed) {
            clients.remove(live);
            live.stop();
        }
    }

    /** Clients connected now. */
    public int clients() {
        return clients.size();
    }

    /** Events dropped for every client because the queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Event deliveries so far (one per client per event written). */
    public long sent() {
        return sent.sum();
    }

    /** Clients disconnected because they fell more than {@value #CLIENT_BACKLOG_BYTES} bytes behind. */
    public long cutOff() {
        return cutOff.sum();
    }

    /** Requests refused because {@value #MAX_CLIENTS} clients were connected. */
    public long refused() {
        return refused.sum();
    }

    /** Bytes queued for the connected clients or being written to them, all clients together. */
    public long backlogBytes() {
        long bytes = 0;
        for (LiveClient client : clients) {
            bytes += client.backlogBytes();
        }
        return bytes;
    }

    private void sendLoop() {
        while (!closed) {
            LiveEvent event;
            try {
                event = queue.poll(keepAlive.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                fanOut(PING);
                continue;
            }
            byte[] encoded;
            try {
                encoded = encode(event);
            } catch (RuntimeException e) {
                LOG.warn("cannot write a live '{}' event", event.type(), e);
                continue;
            }
            fanOut(encoded);
        }
    }

    /**
     * Hands {@code bytes} to every client's backlog; disconnects a client too far behind to take
     * them, or no longer allowed to read.
     */
    private void fanOut(byte[] bytes) {
        for (LiveClient client : clients) {
            if (!client.allowed()) {
                if (clients.remove(client)) {
                    LOG.info("disconnected a live stream client whose session ended");
                    client.stop();
                }
                continue;
            }
            if (!client.offer(bytes) && clients.remove(client)) {
                cutOff.increment();
                LOG.info("disconnected a live stream client more than {} bytes behind", CLIENT_BACKLOG_BYTES);
                client.stop();
            }
        }
    }

    /** The whole SSE event: its name, its data (a line each), a blank line. */
    private byte[] encode(LiveEvent event) {
        String data = event.data() instanceof String text ? text
                : json.toJsonString(event.data(), event.data().getClass());
        StringBuilder out = new StringBuilder(event.type().length() + data.length() + 16);
        out.append("event: ").append(event.type()).append('\n');
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            out.append("data: ").append(data).append('\n');
        } else {
            for (String line : LINE_BREAK.split(data, -1)) {
                out.append("data: ").append(line).append('\n');
            }
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Stops sending and closes every client. Idempotent. */
    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        List<LiveClient> stopping = List.copyOf(clients);
        clients.clear();
        stopping.forEach(LiveClient::stop);
        // Each writer closes its connection as it ends: wait for that (briefly), or the server, stopping
        // next, recycles the requests under them and Javalin logs a failure for each.
        try {
            for (LiveClient client : stopping) {
                client.awaitStopped(CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
