package io.homeostat.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import io.homeostat.core.time.ManualClock;
import io.homeostat.core.time.Scheduler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher against a small ingest server on loopback that refuses what the real one refuses
 * (a bad signal named by its index, a body over a size) and can be down or slow.
 */
class HttpSignalPublisherTest {

    private static final Instant T = Instant.parse("2026-06-01T12:00:00Z");
    private static final Pattern SERVICE = Pattern.compile("\"service\":\"([^\"]*)\"");
    private static final Pattern ID = Pattern.compile("^\\{\"id\":\"([^\"]*)\"");

    @TempDir
    Path spool;

    private final FakeIngest server = new FakeIngest("");

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<Signal> samples(String prefix, int count) {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            signals.add(new MetricSample(prefix + i, "m", i, T, Map.of()));
        }
        return signals;
    }

    @Test
    void aBatchWithBadSignalsIsSentWithoutThemAndOnlyTheyAreRejected() {
        List<Signal> signals = samples("good-", 10);
        signals.set(3, new MetricSample("bad-3", "m", 3, T, Map.of()));
        signals.set(7, new MetricSample("bad-7", "m", 7, T, Map.of()));
        try (HttpSignalPublisher publisher = publisher(10)) {
            publisher.accept(signals);
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.stats().sentSignals() == 8);
            assertThat(publisher.stats().rejectedSignals()).isEqualTo(2);
        }
        assertThat(server.services()).containsExactly("good-0", "good-1", "good-2", "good-4", "good-5", "good-6",
                "good-8", "good-9");
    }

    @Test
    void aBatchTooLargeForTheServerIsSentInParts() {
        server.maxBytes = 700; // about three signals
        List<Signal> signals = samples("s-", 20);
        try (HttpSignalPublisher publisher = publisher(20)) {
            publisher.accept(signals);
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.stats().sentSignals() == 20);
            assertThat(publisher.stats().rejectedSignals()).isZero();
        }
        assertThat(server.services()).isEqualTo(signals.stream().map(Signal::service).toList());
    }

    @Test
    void aSpooledBatchTheServerTookPartOfKeepsOnlyTheRestAndCountsEachSignalOnce() {
        server.down = true;
        server.maxBytes = 700; // about three signals: the batch goes in parts
        try (HttpSignalPublisher publisher = publisher(20)) {
            publisher.accept(samples("s-", 20));
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.stats().spoolEntries() == 1);
            long spooledBytes = publisher.stats().spoolBytes();

            server.takesBeforeDown = 2; // takes two parts of the replay, then goes away again
            server.down = false;
            await("only the rest is kept").atMost(Duration.ofSeconds(20))
                    .until(() -> publisher.stats().spoolBytes() < spooledBytes);
            assertThat(server.down).isTrue();
            assertThat(server.ids().size()).isBetween(1, 19);
            assertThat(publisher.stats().spoolEntries()).isEqualTo(1);

            server.down = false;
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.stats().spoolEntries() == 0);
            assertThat(server.posted.get()).as("what was taken is not posted again").isEqualTo(20);
            assertThat(publisher.stats().sentSignals()).isEqualTo(20);
            assertThat(publisher.stats().replayedBatches()).isEqualTo(1);
        }
        assertThat(server.services()).isEqualTo(samples("s-", 20).stream().map(Signal::service).toList());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closingWhileASlowServerTakesTheSpoolLosesNothing() throws InterruptedException {
        server.down = true;
        HttpSignalPublisher first = publisher(100);
        first.accept(samples("spooled-", 1_000));
        await().atMost(Duration.ofSeconds(20)).until(() -> first.stats().spoolEntries() == 10);

        server.down = false;
        server.delayMillis = 300; // ten batches take 3 s to replay, more than close waits (twice the 1 s timeout)
        server.firstTaken = new CountDownLatch(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> server.firstTaken.getCount() == 0); // replaying now
        first.accept(samples("late-", 250));
        first.close();
        first.accept(samples("after-close-", 5));

        assertThat(first.stats().droppedSignals()).as("only what came after close").isEqualTo(5);
        assertThat(first.stats().bufferedSignals()).isZero();
        server.delayMillis = 0;
        try (HttpSignalPublisher second = publisher(100)) { // replays what the first left in the spool
            await().atMost(Duration.ofSeconds(30)).until(() -> second.stats().spoolEntries() == 0
                    && server.ids().size() == 1_250);
        }
        assertThat(server.services()).filteredOn(s -> s.startsWith("spooled-")).hasSize(1_000);
        assertThat(server.services()).filteredOn(s -> s.startsWith("late-")).hasSize(250);
    }

    @Test
    void postsBelowThePathOfTheServerUriWithOrWithoutATrailingSlash() {
        try (FakeIngest proxied = new FakeIngest("/homeostat")) { // as behind a proxy that routes by path
            String base = "http://127.0.0.1:" + proxied.port() + "/homeostat";
            for (String server : List.of(base + "/", base)) {
                try (HttpSignalPublisher publisher = HttpSignalPublisher.builder(URI.create(server), "token",
                                spool.resolve(String.valueOf(server.length())))
                        .batchSize(3).flushInterval(Duration.ofMillis(20)).build()) {
                    publisher.accept(samples(server.length() + "-", 3));
                    await(server).atMost(Duration.ofSeconds(20)).until(() -> publisher.stats().sentSignals() == 3);
                    assertThat(publisher.stats().spoolEntries()).isZero();
                }
            }
            assertThat(proxied.paths()).containsOnly("/homeostat/api/v1/signals");
            assertThat(proxied.services()).hasSize(6);
        }
    }

    @Test
    void refusesAServerUriWithoutAHostOrOfAnotherScheme() {
        for (String server : List.of("http:///", "http:/api", "ftp://127.0.0.1/", "localhost:8080",
                "http://127.0.0.1:8080/?tenant=a")) {
            assertThatThrownBy(() -> HttpSignalPublisher.builder(URI.create(server), "token", spool))
                    .as(server).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("server must");
        }
    }

    @Test
    void refusesDurationsThatWouldOverflowAndNamesNullArguments() {
        HttpSignalPublisher.Builder builder = HttpSignalPublisher.builder(server.uri(), "token", spool);
        Duration millennia = Duration.ofDays(365_000);

        assertThatThrownBy(() -> builder.requestTimeout(millennia)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestTimeout must be at most");
        assertThatThrownBy(() -> builder.backoff(Duration.ofMillis(10), millennia))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoff max must be at most");
        assertThatThrownBy(() -> builder.backoff(millennia, millennia))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoff initial must be at most");
        assertThatThrownBy(() -> builder.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial <= max");
        assertThatThrownBy(() -> builder.flushInterval(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("flushInterval");
        assertThatThrownBy(() -> builder.requestTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("requestTimeout");
        assertThatThrownBy(() -> builder.backoff(null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class)
                .hasMessage("initial");
        assertThatThrownBy(() -> builder.backoff(Duration.ofSeconds(1), null)).isInstanceOf(NullPointerException.class)
                .hasMessage("max");
    }

    @Test
    void closingWithTheLongestRequestTimeoutStillSendsWhatIsBuffered() {
        ManualClock clock = ManualClock.create();
        clock.advance(Duration.ofHours(1)); // now + twice the timeout is past Long.MAX_VALUE
        HttpSignalPublisher publisher = HttpSignalPublisher.builder(server.uri(), "token", spool).batchSize(10)
                .requestTimeout(Durations.LONGEST).scheduler(clock.scheduler()).build();
        publisher.accept(samples("buffered-", 3)); // not a full batch, and the flush timer waits for the clock

        publisher.close();

        assertThat(publisher.stats().sentSignals()).isEqualTo(3);
        assertThat(publisher.stats().spooledBatches()).isZero();
        assertThat(server.services()).containsExactly("buffered-0", "buffered-1", "buffered-2");
    }

    @Test
    void closeStillFinishesTheSenderWhenStoppingTheFlushTimerThrows() {
        ManualClock clock = ManualClock.create();
        IllegalStateException broken = new IllegalStateException("cannot cancel");
        Scheduler scheduler = new Scheduler() {
            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                return clock.scheduler().schedule(delay, task);
            }

            @Override
            public Cancellable scheduleAtFixedRate(Duration initialDelay, Duration period, Runnable task) {
                Cancellable timer = clock.scheduler().scheduleAtFixedRate(initialDelay, period, task);
                return () -> {
                    timer.cancel();
                    throw broken;
                };
            }

            @Override
            public Clock clock() {
                return clock;
            }
        };
        HttpSignalPublisher publisher = HttpSignalPublisher.builder(server.uri(), "token", spool).batchSize(10)
                .scheduler(scheduler).build();
        publisher.accept(samples("buffered-", 3));

        assertThatThrownBy(publisher::close).isSameAs(broken);

        assertThat(publisher.stats().sentSignals()).as("the sender finished before close threw").isEqualTo(3);
        assertThat(publisher.stats().bufferedSignals()).isZero();
        assertThat(server.services()).containsExactly("buffered-0", "buffered-1", "buffered-2");
        publisher.accept(samples("late-", 2));
        assertThat(publisher.stats().droppedSignals()).isEqualTo(2);
    }

    private HttpSignalPublisher publisher(int batchSize) {
        return HttpSignalPublisher.builder(server.uri(), "token", spool).batchSize(batchSize)
                .flushInterval(Duration.ofMillis(20)).backoff(Duration.ofMillis(50), Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(1)).build();
    }

    /**
     * An ingest endpoint at {@code base + /api/v1/signals}: refuses a signal of a service named
     * bad-*, a body over maxBytes, all while down.
     */
    private static final class FakeIngest implements AutoCloseable {
        private final HttpServer http;
        private final String base;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final Set<String> ids = new LinkedHashSet<>();
        private final List<String> services = new ArrayList<>();
        private final Set<String> paths = new LinkedHashSet<>();
        volatile boolean down;
        volatile int maxBytes = Integer.MAX_VALUE;
        volatile long delayMillis;
        volatile CountDownLatch firstTaken = new CountDownLatch(0);
        /** Batches taken before the server goes down by itself (sets {@link #down}). */
        volatile int takesBeforeDown = Integer.MAX_VALUE;
        /** Signals in the batches taken, duplicates included. */
        final java.util.concurrent.atomic.AtomicInteger posted = new java.util.concurrent.atomic.AtomicInteger();

        FakeIngest(String base) {
            this.base = base;
            try {
                http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            http.createContext(base + "/api/v1/signals", this::handle);
            http.createContext("/", exchange -> { // any other path: not found, as at a proxy
                synchronized (this) {
                    paths.add(exchange.getRequestURI().getPath());
                }
                answer(exchange, 404, "{}");
            });
            http.setExecutor(Executors.newFixedThreadPool(4));
            http.start();
        }

        int port() {
            return http.getAddress().getPort();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port() + base + "/");
        }

        /** The paths batches were posted to. */
        synchronized Set<String> paths() {
            return Set.copyOf(paths);
        }

        synchronized List<String> services() {
            return List.copyOf(services);
        }

        synchronized Set<String> ids() {
            return Set.copyOf(ids);
        }

        private void handle(HttpExchange exchange) throws IOException {
            synchronized (this) {
                paths.add(exchange.getRequestURI().getPath());
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            long delay = delayMillis;
            if (delay == 0) {
                respond(exchange, body);
                return;
            }
            // A slow server: the answer goes out later, from a timer (the exchange may be answered from any thread).
            timer.schedule(() -> {
                try {
                    respond(exchange, body);
                } catch (IOException e) {
                    exchange.close();
                }
            }, delay, TimeUnit.MILLISECONDS);
        }

        private void respond(HttpExchange exchange, byte[] body) throws IOException {
            if (down) {
                answer(exchange, 503, "{\"status\":503,\"error\":\"down\",\"field\":\"\"}");
                return;
            }
            if (body.length > maxBytes) {
                answer(exchange, 413, "{\"status\":413,\"error\":\"too large\",\"field\":\"$\"}");
                return;
            }
            List<String> elements = SignalJson.elements(new String(body, StandardCharsets.UTF_8));
            for (int i = 0; i < elements.size(); i++) {
                if (service(elements.get(i)).startsWith("bad-")) {
                    answer(exchange, 400, "{\"status\":400,\"error\":\"signals[" + i + "].service: bad\","
                            + "\"field\":\"signals[" + i + "].service\"}");
                    return;
                }
            }
            synchronized (this) {
                for (String element : elements) {
                    Matcher id = ID.matcher(element);
                    if (id.find() && ids.add(id.group(1))) {
                        services.add(service(element));
                    }
                }
                posted.addAndGet(elements.size());
                if (--takesBeforeDown == 0) {
                    down = true;
                }
            }
            answer(exchange, 202, "{}");
            firstTaken.countDown();
        }

        private static String service(String element) {
            Matcher service = SERVICE.matcher(element);
            return service.find() ? service.group(1) : "";
        }

        private static void answer(HttpExchange exchange, int status, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            http.stop(0);
            timer.shutdownNow();
        }
    }
}
