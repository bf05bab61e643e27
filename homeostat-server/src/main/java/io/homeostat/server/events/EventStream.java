package io.homeostat.server.events;

import io.javalin.http.sse.SseClient;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans live events out to the connected SSE clients. Publishers never block: an event goes into
 * a bounded queue (10,000 events) and one sender thread writes it to every client; when the queue
 * is full the event is dropped and counted ({@link #dropped()}). A client whose connection fails
 * is removed. Thread-safe.
 */
public final class EventStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final int CAPACITY = 10_000;

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<LiveEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Thread sender;
    private volatile boolean closed;

    public EventStream() {
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

    /** Keeps {@code client} until its connection closes or this stream does. */
    public void attach(SseClient client) {
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("connected");
        client.keepAlive();
    }

    /** Clients connected now. */
    public int clients() {
        return clients.size();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Event deliveries so far (one per client per event). */
    public long sent() {
        return sent.sum();
    }

    private void sendLoop() {
        while (!closed) {
            LiveEvent event;
            try {
                event = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event == null) {
                continue;
            }
            for (SseClient client : clients) {
                try {
                    if (client.terminated()) {
                        clients.remove(client);
                        continue;
                    }
                    client.sendEvent(event.type(), event.data());
                    sent.increment();
                } catch (RuntimeException e) {
                    LOG.debug("dropping an SSE client whose connection failed", e);
                    clients.remove(client);
                }
            }
        }
    }

    /** Stops sending and closes every client. Idempotent. */
    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        for (SseClient client : clients) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("closing an SSE client failed", e);
            }
        }
        clients.clear();
    }
}
