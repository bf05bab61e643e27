package io.homeostat.bench.ingest;

import io.homeostat.core.time.Clock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Calls one GET of the API every {@code period} from its own thread, on its own connection, and
 * records each call's latency (request sent to body read) until stopped. A failed call is counted,
 * not timed.
 */
final class LatencyProbe implements AutoCloseable {

    private static final Clock CLOCK = Clock.system();

    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile int failures;

    LatencyProbe(URI uri, String token, Duration period) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        this.thread = Thread.ofPlatform().name("latency-probe").start(() -> {
            try (client) {
                while (running.get()) {
                    long start = CLOCK.monotonicNanos();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = CLOCK.monotonicNanos() - start;
                        if (response.statusCode() == 200) {
                            synchronized (histogram) {
                                histogram.recordValue(Math.min(took, histogram.getHighestTrackableValue()));
                            }
                        } else {
                            failures++;
                        }
                    } catch (IOException e) {
                        failures++;
                    } catch (InterruptedException e) {
                        return;
                    }
                    LockSupport.parkNanos(period.toNanos());
                }
            }
        });
    }

    /** Stops the probe and returns what it measured. */
    Histogram stop() throws InterruptedException {
        running.set(false);
        thread.join();
        synchronized (histogram) {
            return histogram.copy();
        }
    }

    int failures() {
        return failures;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
