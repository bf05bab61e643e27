package io.homeostat.server.events;

import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the live stream: its backlog of encoded events and the virtual thread that writes
 * them. A write blocks this thread only, however long the client takes to read. The backlog is
 * bounded in bytes (queued or being written); {@link #offer} refuses an event that would pass the
 * bound, and the stream then {@link #stop}s the client. Thread-safe; {@link #offer} is called by
 * one thread at a time.
 */
final class LiveClient {

    private static final Logger LOG = LoggerFactory.getLogger(LiveClient.class);
    private static final byte[] CONNECTED = ": connected\n\n".getBytes(StandardCharsets.UTF_8);
    /** Events written between two flushes at most. */
    private static final int BATCH = 256;

    private final SseClient client;
    private final long maxBacklogBytes;
    private final LongAdder sent;
    private final LinkedBlockingQueue<byte[]> backlog = new LinkedBlockingQueue<>();
    private final AtomicLong backlogBytes = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread writer;
    private final BooleanSupplier allowed;

    /**
     * A client whose writer is not started yet.
     *
     * @param allowed whether the client may still read the stream (its session has not ended)
     */
    LiveClient(SseClient client, long maxBacklogBytes, LongAdder sent, BooleanSupplier allowed) {
        this.client = client;
        this.allowed = allowed;
        this.maxBacklogBytes = maxBacklogBytes;
        this.sent = sent;
        this.writer = Thread.ofVirtual().name("homeostat-events-client").unstarted(this::writeLoop);
    }

    /** Whether the client may still read the stream: false once the session it signed in with ended. */
    boolean allowed() {
        return allowed.getAsBoolean();
    }

    /** Starts the writer: it writes the {@code connected} comment, then what this client is offered. */
    void start() {
        writer.start();
    }

    /**
     * Queues {@code event} (a whole SSE event, encoded); never blocks. An event larger than the
     * bound is taken when nothing else is queued or being written.
     *
     * @return false if the client is so far behind that the event would pass its backlog's bound
     *     (the event is not queued); true if it is queued, or the client is stopped (it is going away)
     */
    boolean offer(byte[] event) {
        if (stopped.get()) {
            return true;
        }
        long behind = backlogBytes.get();
        if (behind > 0 && behind + event.length > maxBacklogBytes) {
            return false;
        }
        backlogBytes.addAndGet(event.length);
        backlog.add(event);
        return true;
    }

    /** Bytes queued for this client or being written to it. */
    long backlogBytes() {
        return backlogBytes.get();
    }

    /**
     * Drops the backlog, stops the writer by interrupting it and so closes the connection at once:
     * a blocking write to a client that does not read ends too (Jetty logs "Blocking.Shared
     * incomplete" and fails the response; the client sees the stream end, possibly within an event,
     * which EventSource discards). Idempotent.
     */
    void stop() {
        if (stopped.compareAndSet(false, true)) {
            backlog.clear();
            writer.interrupt();
        }
    }

    /**
     * Waits up to {@code timeout} for the writer to end (after {@link #stop()}), so the connection
     * is closed before the server stops and recycles its request.
     */
    void awaitStopped(Duration timeout) throws InterruptedException {
        if (writer.isAlive()) {
            writer.join(timeout);
        }
    }

    private void writeLoop() {
        List<byte[]> batch = new ArrayList<>(BATCH);
        try {
            OutputStream out = client.ctx().res().getOutputStream();
            out.write(CONNECTED);
            out.flush();
            while (!stopped.get()) {
                batch.add(backlog.take());
                backlog.drainTo(batch, BATCH - 1);
                long bytes = 0;
                int events = 0;
                for (byte[] event : batch) {
                    out.write(event);
                    bytes += event.length;
                    events += event[0] == ':' ? 0 : 1; // a keep-alive comment is not an event
                }
                out.flush();
                sent.add(events);
                backlogBytes.addAndGet(-bytes);
                batch.clear();
            }
        } catch (InterruptedException e) {
            // stopped
        } catch (IOException | RuntimeException e) {
            LOG.debug("dropping an SSE client whose connection failed", e);
        } finally {
            stopped.set(true);
            backlog.clear();
            backlogBytes.set(0);
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("closing an SSE client failed", e);
            }
        }
    }
}
