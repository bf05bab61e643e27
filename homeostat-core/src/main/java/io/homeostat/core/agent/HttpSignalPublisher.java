package io.homeostat.core.agent;

import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Durations;
import io.homeostat.core.time.Scheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports this JVM's signals to a Homeostat server: subscribe it to the local bus
 * ({@code bus.subscribe(publisher)}) and it POSTs them in batches to the server's
 * {@code /api/v1/signals} (below the path of the server's URI, if it has one) with a bearer
 * token, a full batch at once and a partial one every flush interval. Each signal gets an id
 * (this publisher's random prefix and a counter) that stays with it through retries, so a batch
 * resent after a lost answer is not counted twice.
 *
 * <p>When the server cannot be reached or answers with anything but success or a content error
 * (a 5xx, 401, 429, a timeout), the batch goes to the disk spool and the publisher backs off
 * (doubling from {@link Builder#backoff initial} up to its maximum); while the spool holds
 * anything, new batches go behind it, and it is replayed oldest first whenever the server answers
 * again, so the server sees the signals in the order they were published. When the server refuses
 * a batch for its content, the publisher sends what it would take: a batch too large (413) in
 * halves, and a batch with a bad signal (400 or 422 naming {@code signals[i]}) without that signal,
 * which is logged and let go ({@link AgentStats#rejectedSignals()}): resending it would not help.
 * Only a full spool loses signals, and they are counted ({@link AgentStats#droppedSignals()}).
 * {@link #close()} sends what is buffered while the server answers, and spools the rest; signals
 * handed over after it are counted as dropped.
 *
 * <p>Thread-safe. One sender thread does the HTTP calls and owns the spool; the bus's delivery
 * thread only hands signals over, and waits when {@code 20 x batchSize} are already buffered.
 */
public final class HttpSignalPublisher implements Consumer<List<Signal>>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSignalPublisher.class);
    private static final String PATH = "/api/v1/signals";
    /** How much longer than its own deadline close() waits for the sender (spooling is disk work). */
    private static final long CLOSE_MARGIN_SECONDS = 5;

    private enum Outcome { TAKEN, REFUSED, FAILED }

    private final URI endpoint;
    private final String token;
    private final int batchSize;
    private final Duration requestTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Scheduler scheduler;
    private final Clock clock;
    private final HttpClient client;
    private final BatchSpool spool;
    private final LinkedBlockingQueue<Signal> buffer;
    private final ExecutorService sender;
    private final Cancellable flushing;
    private final String idPrefix;
    private final AtomicLong idCounter = new AtomicLong();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicBoolean flushRequested = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile int spoolEntries;
    private volatile long spoolBytes;
    private volatile int failures;
    /** Sender thread only: no attempt before this monotonic time. */
    private long retryAtNanos = Long.MIN_VALUE;

    private HttpSignalPublisher(Builder builder) {
        this.endpoint = endpoint(builder.server);
        this.token = builder.token;
        this.batchSize = builder.batchSize;
        this.requestTimeout = builder.requestTimeout;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.scheduler = builder.scheduler;
        this.clock = scheduler.clock();
        this.client = builder.client != null ? builder.client
                : HttpClient.newBuilder().connectTimeout(requestTimeout).version(HttpClient.Version.HTTP_1_1).build();
        this.spool = new BatchSpool(builder.spoolDirectory, builder.spoolMaxBytes);
        this.spoolEntries = spool.entries();
        this.spoolBytes = spool.bytes();
        this.buffer = new LinkedBlockingQueue<>(batchSize * 20);
        this.idPrefix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + "-"
                + Long.toHexString(clock.wallMillis()) + "-";
        this.sender = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "homeostat-agent-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.flushing = scheduler.scheduleAtFixedRate(builder.flushInterval, builder.flushInterval, () -> wake(true));
        if (!spool.isEmpty()) {
            wake(true); // what an earlier run left goes first
        }
    }

    /**
     * A builder for a publisher to {@code server} with {@code token} (an operator's), spooling
     * under {@code spoolDirectory}. The server is an http or https URI with a host, and its path,
     * if any, is kept: batches to {@code http://127.0.0.1:8080/} go to
     * {@code http://127.0.0.1:8080/api/v1/signals}, and behind a proxy that routes by path, batches
     * to {@code https://gateway/homeostat/} (or {@code https://gateway/homeostat}) go to
     * {@code https://gateway/homeostat/api/v1/signals}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code token} is blank, or {@code server} is not an http
     *     or https URI, has no host, or has a query or a fragment
     */
    public static Builder builder(URI server, String token, Path spoolDirectory) {
        return new Builder(server, token, spoolDirectory);
    }

    /** {@value #PATH} below the path of {@code server}, whose trailing slashes do not count. */
    private static URI endpoint(URI server) {
        String base = server.getRawPath() == null ? "" : server.getRawPath();
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        return URI.create(server.getScheme() + "://" + server.getRawAuthority() + base.substring(0, end) + PATH);
    }

    /**
     * Hands {@code signals} to the sender; waits while the in-memory buffer is full. After
     * {@link #close()} they are dropped and counted.
     */
    @Override
    public void accept(List<Signal> signals) {
        if (closed.get()) {
            droppedAfterClose(signals.size());
            return;
        }
        for (Signal signal : signals) {
            try {
                while (!buffer.offer(signal, 100, TimeUnit.MILLISECONDS)) {
                    if (closed.get()) {
                        dropped.incrementAndGet();
                        break;
                    }
                    wake(false);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dropped.incrementAndGet();
                return;
            }
        }
        if (closed.get()) {
            // Closed while these were handed over: what close() did not take back is counted here.
            int late = 0;
            for (Signal signal : signals) {
                late += buffer.remove(signal) ? 1 : 0;
            }
            droppedAfterClose(late);
            return;
        }
        if (buffer.size() >= batchSize) {
            wake(false);
        }
    }

    private void wake(boolean flush) {
        if (flush) {
            flushRequested.set(true);
        }
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                sender.execute(() -> {
                    wakeQueued.set(false);
                    drain(flushRequested.getAndSet(false));
                });
            } catch (RejectedExecutionException stopped) {
                wakeQueued.set(false);
            }
        }
    }

    /**
     * Sender thread: replays the spool, then sends what is buffered, until something fails or the
     * publisher is closed (then {@link #finish} takes over).
     */
    private void drain(boolean flush) {
        try {
            while (!closed.get()) {
                if (clock.monotonicNanos() < retryAtNanos) {
                    spill(flush);
                    return;
                }
                Optional<BatchSpool.Entry> head = spool.head();
                if (head.isPresent()) {
                    long sentBefore = sent.get();
                    Delivery delivery = deliver(head.get().body());
                    if (delivery.failed()) {
                        if (delivery.unsent() != head.get().body()) {
                            // Sent in parts after a refusal, and the server took or refused some of them:
                            // keep only the rest, so nothing is counted (or sent) twice when it is replayed.
                            spool.replace(head.get().sequence(), delivery.unsent());
                            updateSpoolFigures();
                        }
                        failed();
                        spill(flush);
                        return;
                    }
                    spool.remove(head.get().sequence());
                    updateSpoolFigures();
                    if (sent.get() > sentBefore) {
                        replayed.incrementAndGet();
                    }
                    succeeded();
                    continue;
                }
                if (buffer.size() < batchSize && !(flush && !buffer.isEmpty())) {
                    return;
                }
                if (!sendBuffered()) {
                    spill(flush);
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.error("the agent's sender failed; retrying at the next flush", e);
        }
    }

    /** Sender thread: sends one buffered batch; spools what the server did not take if it failed. */
    private boolean sendBuffered() {
        Delivery delivery = deliver(encode(take()));
        if (delivery.failed()) {
            toSpool(delivery.unsent(), SignalJson.elements(new String(delivery.unsent(), StandardCharsets.UTF_8)).size());
            failed();
            return false;
        }
        succeeded();
        return true;
    }

    /**
     * Sender thread, closing: sends what is buffered while the server answers and a request still
     * fits before {@code deadline}, and spools the rest. A spool that holds anything keeps its
     * order: the buffer goes behind it, to be replayed by the next publisher on the directory.
     */
    private void finish(long deadline) {
        try {
            while (!buffer.isEmpty()) {
                boolean timeLeft = clock.monotonicNanos() + requestTimeout.toNanos() <= deadline;
                if (!spool.isEmpty() || clock.monotonicNanos() < retryAtNanos || !timeLeft || !sendBuffered()) {
                    spill(true);
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.error("the agent's sender failed while closing; spooling what is buffered", e);
            spill(true);
        }
    }

    /** While the server is away: moves buffered batches (full ones, or all on a flush) to the spool. */
    private void spill(boolean flush) {
        while (buffer.size() >= batchSize || (flush && !buffer.isEmpty())) {
            List<Signal> batch = take();
            toSpool(encode(batch), batch.size());
        }
    }

    private void toSpool(byte[] body, int signals) {
        try {
            if (spool.append(body)) {
                spooled.incrementAndGet();
            } else {
                dropped.addAndGet(signals);
                LOG.error("the agent spool is full; {} signals dropped ({} in all)", signals, dropped.get());
            }
        } catch (UncheckedIOException e) {
            dropped.addAndGet(signals);
            LOG.error("cannot write the agent spool; {} signals dropped", signals, e);
        }
        updateSpoolFigures();
    }

    private void updateSpoolFigures() {
        spoolEntries = spool.entries();
        spoolBytes = spool.bytes();
    }

    private List<Signal> take() {
        List<Signal> batch = new ArrayList<>(batchSize);
        buffer.drainTo(batch, batchSize);
        return batch;
    }

    private byte[] encode(List<Signal> batch) {
        List<String> ids = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ids.add(idPrefix + idCounter.incrementAndGet());
        }
        return SignalJson.batch(ids, batch).getBytes(StandardCharsets.UTF_8);
    }

    /** What became of a body: {@code unsent} is what the server did not take because it could not be reached. */
    private record Delivery(byte[] unsent) {
        boolean failed() {
            return unsent != null;
        }
    }

    /** The server's answer to one POST: how it went, its status and body. */
    private record Answer(Outcome outcome, int status, String body) {}

    /** The index {@code i} of a {@code "field":"signals[i]..."} the server named, or -1. */
    private static final Pattern BAD_SIGNAL = Pattern.compile("\"field\"\\s*:\\s*\"signals\\[(\\d+)\\]");

    /**
     * Sends {@code body}. If the server refuses it for its content, sends what it would take: a
     * batch too large (413) in halves, a batch without the signal it names (400, 422), each
     * refused signal counted as rejected and logged; the counters are updated. If the server
     * cannot be reached on the way, what it has not taken is returned as the delivery's unsent body.
     */
    private Delivery deliver(byte[] body) {
        Answer answer = post(body);
        if (answer.outcome() != Outcome.REFUSED) {
            if (answer.outcome() == Outcome.FAILED) {
                return new Delivery(body);
            }
            sent.addAndGet(SignalJson.elements(new String(body, StandardCharsets.UTF_8)).size());
            return new Delivery(null);
        }
        Deque<List<String>> parts = new ArrayDeque<>();
        List<String> part = SignalJson.elements(new String(body, StandardCharsets.UTF_8));
        while (true) {
            switch (answer.outcome()) {
                case TAKEN -> sent.addAndGet(part.size());
                case FAILED -> {
                    List<String> unsent = new ArrayList<>(part);
                    parts.forEach(unsent::addAll);
                    return new Delivery(SignalJson.batchOf(unsent).getBytes(StandardCharsets.UTF_8));
                }
                case REFUSED -> {
                    Matcher bad = BAD_SIGNAL.matcher(answer.body());
                    int index = answer.status() != 413 && bad.find() ? Integer.parseInt(bad.group(1)) : -1;
                    if (index >= 0 && index < part.size()) {
                        refuse(1, answer);
                        List<String> rest = new ArrayList<>(part);
                        rest.remove(index);
                        if (!rest.isEmpty()) {
                            parts.push(rest);
                        }
                    } else if (part.size() > 1) {
                        parts.push(part.subList(part.size() / 2, part.size()));
                        parts.push(part.subList(0, part.size() / 2));
                    } else {
                        refuse(part.size(), answer);
                    }
                }
            }
            if (parts.isEmpty()) {
                return new Delivery(null);
            }
            part = parts.pop();
            answer = post(SignalJson.batchOf(part).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void refuse(int signals, Answer answer) {
        rejected.addAndGet(signals);
        LOG.error("the server refused {} signal(s) ({}): {}; let go", signals, answer.status(), answer.body());
    }

    private Answer post(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Answer(Outcome.TAKEN, status, "");
            }
            if (status == 400 || status == 413 || status == 422) {
                return new Answer(Outcome.REFUSED, status, response.body());
            }
            LOG.warn("the server answered {} to a batch; it is kept and sent again: {}", status, response.body());
            return new Answer(Outcome.FAILED, status, response.body());
        } catch (IOException e) {
            if (failures == 0) {
                LOG.warn("cannot reach {}: {}; spooling until it answers", endpoint, e.toString());
            }
            return new Answer(Outcome.FAILED, 0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Outcome.FAILED, 0, "");
        }
    }

    private void failed() {
        int failed = ++failures;
        int doublings = Math.min(failed - 1, 20);
        long initial = initialBackoff.toNanos();
        // Both are at most Durations.LONGEST (the builder checks), so toNanos() cannot overflow; the
        // doubling saturates rather than shifting bits out.
        long backoff = initial > Long.MAX_VALUE >> doublings ? Long.MAX_VALUE : initial << doublings;
        backoff = Math.min(backoff, maxBackoff.toNanos());
        retryAtNanos = clock.monotonicNanos() + backoff;
        if (!closed.get()) {
            scheduler.schedule(Duration.ofNanos(backoff), () -> wake(true));
        }
    }

    private void succeeded() {
        failures = 0;
        retryAtNanos = Long.MIN_VALUE;
    }

    /** What it did so far. */
    public AgentStats stats() {
        return new AgentStats(sent.get(), spooled.get(), replayed.get(), rejected.get(), dropped.get(), buffer.size(),
                spoolEntries, spoolBytes, failures);
    }

    /**
     * Stops the flush timer and the sender: a replay under way stops after its request, what is
     * buffered is sent while the server answers and a request fits in twice the request timeout
     * (not at all if the spool holds anything, which keeps its order), and the rest is spooled,
     * for the next publisher on the spool directory to replay. Waits for that up to twice the
     * request timeout plus {@value #CLOSE_MARGIN_SECONDS} s; signals still in memory then, or
     * handed over later, are counted as dropped. Unsubscribe it from the bus first. Idempotent.
     *
     * <p>If stopping the flush timer throws (a scheduler's fault), the sender is still finished
     * and stopped as above, and then the exception is rethrown.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Twice the request timeout is at most Long.MAX_VALUE - 1 ns (the builder holds it to
        // Durations.LONGEST); the sum saturates, so a timeout of a century is "no deadline".
        long now = clock.monotonicNanos();
        long budget = 2 * requestTimeout.toNanos();
        long deadline = now > Long.MAX_VALUE - budget ? Long.MAX_VALUE : now + budget;
        try {
            flushing.cancel();
        } finally {
            stopSender(deadline);
        }
    }

    /** Closing: lets the sender finish by {@code deadline}, stops it, and counts what it left in memory. */
    private void stopSender(long deadline) {
        try {
            sender.execute(() -> finish(deadline));
        } finally {
            sender.shutdown();
            long waitMillis = 2 * requestTimeout.toMillis() + CLOSE_MARGIN_SECONDS * 1_000;
            try {
                if (!sender.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                    sender.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sender.shutdownNow();
            }
            List<Signal> left = new ArrayList<>();
            buffer.drainTo(left);
            if (!left.isEmpty()) {
                dropped.addAndGet(left.size());
                LOG.error("the agent's sender did not finish in time; {} buffered signals dropped", left.size());
            }
        }
    }

    private void droppedAfterClose(int signals) {
        if (signals > 0) {
            dropped.addAndGet(signals);
            LOG.warn("{} signals handed to the agent after close were dropped; unsubscribe it first", signals);
        }
    }

    /** Options of an {@link HttpSignalPublisher}; every default is on its setter. Not thread-safe. */
    public static final class Builder {
        private final URI server;
        private final String token;
        private final Path spoolDirectory;
        private int batchSize = 500;
        private Duration flushInterval = Duration.ofSeconds(1);
        private long spoolMaxBytes = 64L << 20;
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Scheduler scheduler = Scheduler.system();
        private HttpClient client;

        private Builder(URI server, String token, Path spoolDirectory) {
            this.server = Objects.requireNonNull(server, "server");
            this.token = Objects.requireNonNull(token, "token");
            this.spoolDirectory = Objects.requireNonNull(spoolDirectory, "spoolDirectory");
            if (token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme())) {
                throw new IllegalArgumentException("server must be an http or https URI, was " + server);
            }
            if (server.getHost() == null) {
                throw new IllegalArgumentException("server must name a host, was " + server);
            }
            if (server.getRawQuery() != null || server.getRawFragment() != null) {
                throw new IllegalArgumentException("server must have no query or fragment (batches go to "
                        + PATH + " below its path), was " + server);
            }
        }

        /** Signals per POST; default 500, in [1, 10,000] (the server takes 10,000 by default). */
        public Builder batchSize(int value) {
            if (value < 1 || value > 10_000) {
                throw new IllegalArgumentException("batchSize must be in [1, 10000], was " + value);
            }
            this.batchSize = value;
            return this;
        }

        /** How long a signal waits at most for its batch to fill; default 1 s, in [10 ms, 1 min]. */
        public Builder flushInterval(Duration value) {
            Objects.requireNonNull(value, "flushInterval");
            if (value.compareTo(Duration.ofMillis(10)) < 0 || value.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("flushInterval must be in [10 ms, 1 min], was " + value);
            }
            this.flushInterval = value;
            return this;
        }

        /** The spool's limit; default 64 MiB, at least 64 KiB. */
        public Builder spoolMaxBytes(long value) {
            if (value < 64 * 1024) {
                throw new IllegalArgumentException("spoolMaxBytes must be at least 65536, was " + value);
            }
            this.spoolMaxBytes = value;
            return this;
        }

        /**
         * The first wait after a failure, doubling up to {@code max}; default 250 ms and 30 s.
         *
         * @throws NullPointerException if an argument is null
         * @throws IllegalArgumentException unless {@code 0 < initial <= max <= }{@link Durations#LONGEST}
         *     (about 146 years)
         */
        public Builder backoff(Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            Durations.requirePositive(initial, "backoff initial");
            Durations.requirePositive(max, "backoff max");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("backoff must have initial <= max, was " + initial + ", " + max);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * The connect and request timeout of one POST; default 10 s.
         *
         * @throws NullPointerException if {@code value} is null
         * @throws IllegalArgumentException unless positive and at most {@link Durations#LONGEST}
         *     (about 146 years)
         */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Durations.requirePositive(value, "requestTimeout");
            return this;
        }

        /** The timers' scheduler (flush, backoff); default {@link Scheduler#system()}. */
        public Builder scheduler(Scheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** The HTTP client; default a new HTTP/1.1 client with the request timeout as connect timeout. */
        public Builder client(HttpClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        /**
         * The publisher, started (its flush timer runs; a spool left by an earlier run is replayed).
         *
         * @throws IllegalStateException if the spool directory cannot be used
         */
        public HttpSignalPublisher build() {
            return new HttpSignalPublisher(this);
        }
    }
}
