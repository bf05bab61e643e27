package io.homeostat.bench.ingest;

import io.homeostat.core.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends prepared bodies from {@code threads} client threads, each taking the next body as soon as
 * its previous one was answered, until every body was taken. A body answered 503 (the server too
 * busy to take it now) is sent again after {@link #BUSY_PAUSE_NANOS}, as an agent would after its
 * back-off, and counted; any other status but 202 fails the run.
 */
final class Load {

    private static final Clock CLOCK = Clock.system();

    /** How long a client waits before sending a body answered 503 again: 5 ms. */
    static final long BUSY_PAUSE_NANOS = 5_000_000;

    private Load() {}

    /** The wall time that sending every body took, and how many answers were 503. */
    record Sent(long nanos, long busy) {}

    static Sent send(HttpClient client, URI uri, String token, List<byte[]> bodies, int threads)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        LongAdder busy = new LongAdder();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long start = CLOCK.monotonicNanos();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("ingest-client-" + t).start(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                        while (!post(client, uri, token, bodies.get(i))) {
                            busy.increment();
                            LockSupport.parkNanos(BUSY_PAUSE_NANOS);
                        }
                    }
                } catch (IOException | InterruptedException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    next.set(bodies.size());
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long nanos = CLOCK.monotonicNanos() - start;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed: " + failures.get(0), failures.get(0));
        }
        return new Sent(nanos, busy.sum());
    }

    /** True if the body was taken (202), false if the server was busy (503). */
    private static boolean post(HttpClient client, URI uri, String token, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) {
            return false;
        }
        if (response.statusCode() != 202) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return true;
    }
}
