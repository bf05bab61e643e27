package io.homeostat.demo.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.homeostat.core.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * One upstream service of the triage system: a real HTTP server on {@code 127.0.0.1} (ephemeral
 * port) with fault controls, settable in process ({@link #faults(FaultState)}) or over HTTP
 * ({@code POST /faults} with a form body such as {@code latencyMs=800&errorRate=0.3}, {@code POST
 * /faults/clear}).
 *
 * <p>Endpoints: {@code GET /v1/answer?key=K} answers {@code {"service":..,"key":..,"answer":..,
 * "confidence":..}} or an HTTP error naming the fault; {@code GET /health} 200 or 503 (both
 * after the injected latency);
 * {@code GET /metrics} lines {@code name value}, among them {@code memory.used.ratio}. Its memory
 * is simulated: a leak adds megabytes at the configured rate to a 400 MB base of a 1 GB limit;
 * at 97 % the upstream answers 503 "out of memory" until {@link #restart()}. A reading of it
 * ({@link #memoryReading()}, {@code /metrics}) has the churn of allocation on top, uniform within
 * ±{@value #MEMORY_CHURN_MB} MB (a standard deviation of 4 MB), so a detector never sees a flat line. An upstream can
 * depend on others ({@link #dependsOn}): while one of them fails, it answers 502 naming it (a
 * cascade). Refusing connections closes the port; ending it binds the same port again.
 *
 * <p>Thread-safe.
 */
public final class Upstream implements Dependency, AutoCloseable {

    /** The simulated memory limit, MB. */
    public static final double MEMORY_LIMIT_MB = 1024;
    /** The simulated memory in use without a leak, MB. */
    public static final double MEMORY_BASE_MB = 400;
    /** The share of memory at which the upstream stops answering. */
    public static final double OUT_OF_MEMORY_RATIO = 0.97;
    /**
     * How far a memory reading strays from the memory in use, at most, MB: objects allocated and
     * not yet collected. Bounded, as a young generation is; a normal churn's rare far readings fire
     * the shipped anomaly detector on a series read 10 times a second.
     */
    public static final double MEMORY_CHURN_MB = 7;

    private final String name;
    private final Clock clock;
    private final SplittableRandom random;
    private final SplittableRandom churn;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Dependency> dependencies = new CopyOnWriteArrayList<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final int port;
    private FaultState faults = FaultState.NONE;
    private HttpServer server;
    private double leakedMb;
    private long leakSince;
    private long flapSince;
    private boolean closed;

    private Upstream(String name, Clock clock, long seed) {
        this.name = name;
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.churn = random.split();
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /**
     * Starts an upstream named {@code name} on an ephemeral loopback port.
     *
     * @param seed seeds the choice of which calls fail under an error rate
     * @throws UncheckedIOException if no port can be bound
     */
    public static Upstream start(String name, Clock clock, long seed) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(clock, "clock");
        return new Upstream(name, clock, seed);
    }

    private HttpServer bind(int at) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), at), 256);
            http.setExecutor(executor);
            http.createContext("/v1/answer", this::answer);
            http.createContext("/health", this::health);
            http.createContext("/metrics", this::metrics);
            http.createContext("/faults", this::faultControl);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("upstream " + name + " cannot bind 127.0.0.1:" + at, e);
        }
    }

    /** The upstream's name, e.g. {@code llm:openai}. */
    @Override
    public String name() {
        return name;
    }

    /** The bound port (kept while connections are refused). */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:port}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The faults now set. */
    public synchronized FaultState faults() {
        return faults;
    }

    /** Sets the faults; refusing connections closes or reopens the port. */
    public void faults(FaultState next) {
        Objects.requireNonNull(next, "next");
        synchronized (this) {
            if (closed) {
                return;
            }
            accrueLeak();
            long now = clock.monotonicNanos();
            if (next.leakMbPerSecond() > 0 && faults.leakMbPerSecond() == 0) {
                leakSince = now;
            }
            if (next.flapPeriod().isPositive() && !faults.flapPeriod().equals(next.flapPeriod())) {
                flapSince = now;
            }
            boolean refuse = next.refusing() && !faults.refusing();
            boolean accept = !next.refusing() && faults.refusing();
            faults = next;
            if (refuse) {
                server.stop(0);
            } else if (accept) {
                server = bind(port);
            }
        }
    }

    /** Changes the faults with {@code change}. */
    public void update(UnaryOperator<FaultState> change) {
        synchronized (this) {
            faults(change.apply(faults));
        }
    }

    /** Clears every fault (leaked memory stays until {@link #restart()}). */
    public void clearFaults() {
        faults(FaultState.NONE);
    }

    /** Makes this upstream fail with 502 while {@code dependency} fails. */
    public Upstream dependsOn(Dependency dependency) {
        dependencies.add(Objects.requireNonNull(dependency, "dependency"));
        return this;
    }

    /** The upstreams this one calls. */
    public List<Dependency> dependencies() {
        return List.copyOf(dependencies);
    }

    /** A graceful restart: the leaked memory is freed; faults stay as set. */
    public synchronized void restart() {
        leakedMb = 0;
        leakSince = clock.monotonicNanos();
        restarts.incrementAndGet();
    }

    /** How many times {@link #restart()} ran. */
    public long restarts() {
        return restarts.get();
    }

    /** The share of the (simulated) memory limit in use, in [0, 1]. */
    public synchronized double memoryRatio() {
        accrueLeak();
        return Math.min(1, (MEMORY_BASE_MB + leakedMb) / MEMORY_LIMIT_MB);
    }

    /**
     * A reading of the memory in use, as a sampler gets it: {@link #memoryRatio()} plus the churn
     * of allocation (uniform within ±{@value #MEMORY_CHURN_MB} MB), in [0, 1].
     */
    public synchronized double memoryReading() {
        double churnMb = (2 * churn.nextDouble() - 1) * MEMORY_CHURN_MB;
        return Math.max(0, Math.min(1, memoryRatio() + churnMb / MEMORY_LIMIT_MB));
    }

    /** Calls answered so far, and how many of them with an error. */
    public long calls() {
        return calls.get();
    }

    public long failures() {
        return failures.get();
    }

    /**
     * Why a call now would fail, if it would for sure (outage, flap, refused, out of memory, failing dependency);
     * starts with the HTTP status it would answer.
     */
    @Override
    public Optional<String> failure() {
        FaultState now;
        synchronized (this) {
            now = faults;
        }
        if (now.refusing()) {
            return Optional.of("503 connection refused by " + name);
        }
        if (now.outage()) {
            return Optional.of("503 service unavailable: " + name + " is down");
        }
        if (flappedDown(now)) {
            return Optional.of("503 service unavailable: " + name + " is flapping");
        }
        if (memoryRatio() >= OUT_OF_MEMORY_RATIO) {
            return Optional.of("503 service unavailable: " + name + " is out of memory");
        }
        for (Dependency dependency : dependencies) {
            if (dependency.failure().isPresent()) {
                return Optional.of("502 bad gateway: " + name + " cannot reach its upstream " + dependency.name());
            }
        }
        return Optional.empty();
    }

    private synchronized boolean flappedDown(FaultState state) {
        if (!state.flapPeriod().isPositive()) {
            return false;
        }
        long phase = (clock.monotonicNanos() - flapSince) / state.flapPeriod().toNanos();
        return phase % 2 == 0;
    }

    // Guarded by this.
    private void accrueLeak() {
        long now = clock.monotonicNanos();
        if (faults.leakMbPerSecond() > 0) {
            leakedMb = Math.min(MEMORY_LIMIT_MB, leakedMb + faults.leakMbPerSecond() * (now - leakSince) / 1e9);
        }
        leakSince = now;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            FaultState now = faults();
            if (!delay(now)) {
                return;
            }
            Optional<String> failure = failure();
            if (failure.isPresent()) {
                failures.incrementAndGet();
                int status = failure.get().startsWith("502") ? 502 : 503;
                respond(exchange, status, "{\"error\":\"" + failure.get().replaceFirst("^\\d{3} ", "") + "\"}");
                return;
            }
            double draw;
            synchronized (random) {
                draw = random.nextDouble();
            }
            if (draw < now.errorRate()) {
                failures.incrementAndGet();
                respond(exchange, 500, "{\"error\":\"internal error in " + name + "\"}");
                return;
            }
            String key = query(exchange.getRequestURI(), "key").orElse("none");
            respond(exchange, 200, "{\"service\":\"" + name + "\",\"key\":\"" + key + "\",\"answer\":\"" + name
                    + " answer for " + key + "\",\"confidence\":0.93}");
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!delay(faults())) {
                return;
            }
            Optional<String> failure = failure();
            respond(exchange, failure.isPresent() ? 503 : 200, failure.orElse("ok"));
        }
    }

    /** Waits out the injected latency; false if interrupted. */
    private boolean delay(FaultState now) {
        if (now.latency().isPositive()) {
            try {
                clock.sleep(now.latency());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void metrics(HttpExchange exchange) throws IOException {
        try (exchange) {
            respond(exchange, 200, String.format(Locale.ROOT, "memory.used.ratio %.4f%ncalls %d%nfailures %d%nrestarts %d%n",
                    memoryReading(), calls.get(), failures.get(), restarts.get()));
        }
    }

    private void faultControl(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals("/faults")) {
                respond(exchange, 200, faults().toString());
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, "use GET /faults, POST /faults or POST /faults/clear");
                return;
            }
            if (path.equals("/faults/clear")) {
                clearFaults();
                respond(exchange, 200, faults().toString());
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try {
                FaultState next = FaultForm.apply(faults(), body);
                faults(next);
                respond(exchange, 200, faults().toString());
            } catch (IllegalArgumentException e) {
                respond(exchange, 400, e.getMessage());
            }
        }
    }

    static Optional<String> query(URI uri, String key) {
        String raw = uri.getRawQuery();
        if (raw == null) {
            return Optional.empty();
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(key)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (!faults.refusing()) {
                server.stop(0);
            }
        }
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "Upstream[" + name + " at " + uri() + ", " + faults() + "]";
    }
}
