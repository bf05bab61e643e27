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

/**
 * Sends prepared bodies from {@code threads} client threads, each taking the next body as soon as
 * its previous one was answered, until every body was sent; fails on any status but 202.
 */
final class Load {

    private static final Clock CLOCK = Clock.system();

    private Load() {}

    /** The wall time, in nanoseconds, that sending every body took. */
    static long send(HttpClient client, URI uri, String token, List<byte[]> bodies, int threads)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long start = CLOCK.monotonicNanos();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("ingest-client-" + t).start(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                        post(client, uri, token, bodies.get(i));
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
        return nanos;
    }

    private static void post(HttpClient client, URI uri, String token, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
