package io.homeostat.engine.diagnose;

import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.series.OperationSampler;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the diagnoser knows of the recent past of each service, in bounded memory: the last
 * {@link RecentSignalsConfig#factsPerService()} {@linkplain Fact facts} of trouble, when the current
 * failure episode started (a failure after a {@linkplain RecentSignalsConfig#quietGap() quiet gap}
 * starts a new one), the last {@value OperationSampler#CALLS_RATE} value, and how many outcomes
 * arrived in the current {@linkplain RecentSignalsConfig#window() window}, and the last sign that it works
 * (a successful call, a circuit closing, a healthy check), which tells a service that failed and
 * recovered from one still failing. At most
 * {@link RecentSignalsConfig#maxServices()} services are kept; past it the one heard from least
 * recently is forgotten. Anything older than the window reads as absent.
 *
 * <p>Thread-safe: one lock, held briefly (the bus delivers on one thread, the diagnoser reads on another).
 */
public final class RecentSignals {

    private final RecentSignalsConfig config;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, ServiceHistory> services;

    private RecentSignals(RecentSignalsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.services = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ServiceHistory> eldest) {
                return size() > config.maxServices();
            }
        };
    }

    /** An empty history on {@code clock}. */
    public static RecentSignals create(RecentSignalsConfig config, Clock clock) {
        return new RecentSignals(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Takes one signal: a fact of trouble is kept, a {@value OperationSampler#CALLS_RATE} sample sets
     * the service's rate, an outcome is counted; other signals are ignored.
     */
    public void observe(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        Optional<Fact> fact = Fact.of(signal);
        boolean rate = signal instanceof MetricSample m && m.metric().equals(OperationSampler.CALLS_RATE);
        boolean healthy = healthy(signal);
        if (fact.isEmpty() && !rate && !healthy && !(signal instanceof OperationOutcome)) {
            return;
        }
        lock.lock();
        try {
            ServiceHistory history = services.computeIfAbsent(signal.service(), s -> new ServiceHistory());
            if (signal instanceof OperationOutcome) {
                history.count(signal.time(), config);
            }
            if (signal instanceof MetricSample m && rate) {
                history.rate = m.value();
                history.rateAt = m.time();
            }
            fact.ifPresent(f -> history.add(f, config));
            if (healthy && (history.lastHealthy == null || signal.time().isAfter(history.lastHealthy))) {
                history.lastHealthy = signal.time();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A sign that the service works: a successful call, its circuit closing, a healthy check. */
    private static boolean healthy(Signal signal) {
        return switch (signal) {
            case OperationOutcome o -> o.status() == OperationOutcome.Status.SUCCESS;
            case CircuitTransition c -> c.to() == CircuitState.CLOSED;
            case HealthReport h -> h.status() == HealthStatus.HEALTHY;
            default -> false;
        };
    }

    /** Subscribes to {@code bus}; closing the handle unsubscribes. */
    public AutoCloseable attach(SignalBus bus) {
        return bus.subscribe(batch -> batch.forEach(this::observe));
    }

    /** The facts about {@code service} within the window, oldest first. */
    public List<Fact> facts(String service) {
        Instant since = since();
        lock.lock();
        try {
            ServiceHistory history = services.get(service);
            return history == null ? List.of()
                    : history.facts.stream().filter(f -> !f.time().isBefore(since)).toList();
        } finally {
            lock.unlock();
        }
    }

    /** When the service's current failure episode started, if it had a failure within the window. */
    public Optional<Instant> failingSince(String service) {
        Instant since = since();
        lock.lock();
        try {
            ServiceHistory history = services.get(service);
            return history == null || history.lastFailure == null || history.lastFailure.isBefore(since)
                    ? Optional.empty() : Optional.of(history.episodeStart);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether {@code service} had recovered by {@code time}: its last fact of trouble within the
     * window came before {@code time}, and a sign of health (a successful call, its circuit
     * closing, a healthy check) came after that fact. False if it had no trouble within the window
     * (nothing to recover from), or nothing has shown it well since its last trouble.
     */
    public boolean recoveredBefore(String service, Instant time) {
        Instant since = since();
        lock.lock();
        try {
            ServiceHistory history = services.get(service);
            return history != null && history.lastFailure != null && !history.lastFailure.isBefore(since)
                    && history.lastFailure.isBefore(time) && history.lastHealthy != null
                    && history.lastHealthy.isAfter(history.lastFailure);
        } finally {
            lock.unlock();
        }
    }

    /** The service's last {@value OperationSampler#CALLS_RATE} within the window, calls per second. */
    public OptionalDouble callsRate(String service) {
        Instant since = since();
        lock.lock();
        try {
            ServiceHistory history = services.get(service);
            return history == null || history.rateAt == null || history.rateAt.isBefore(since)
                    ? OptionalDouble.empty() : OptionalDouble.of(history.rate);
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many outcomes of {@code service} arrived in its latest tumbling window (one
     * {@link RecentSignalsConfig#window()} long, restarted by the first outcome after it ends); 0 if
     * none, or if that window started more than two windows ago.
     */
    public long outcomes(String service) {
        Instant since = since();
        lock.lock();
        try {
            ServiceHistory history = services.get(service);
            return history == null || history.countFrom == null || history.countFrom.isBefore(since.minus(config.window()))
                    ? 0 : history.outcomes;
        } finally {
            lock.unlock();
        }
    }

    /** The services heard from, least recently first. */
    public Set<String> services() {
        lock.lock();
        try {
            return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(services.keySet()));
        } finally {
            lock.unlock();
        }
    }

    /** The configuration in use. */
    public RecentSignalsConfig config() {
        return config;
    }

    private Instant since() {
        return Instant.ofEpochMilli(clock.wallMillis()).minus(config.window());
    }

    /** One service's recent past; guarded by the lock. */
    private static final class ServiceHistory {
        final ArrayDeque<Fact> facts = new ArrayDeque<>();
        Instant episodeStart;
        Instant lastFailure;
        Instant lastHealthy;
        double rate;
        Instant rateAt;
        long outcomes;
        Instant countFrom;

        void add(Fact fact, RecentSignalsConfig config) {
            if (facts.size() == config.factsPerService()) {
                facts.removeFirst();
            }
            facts.addLast(fact);
            if (lastFailure == null || fact.time().isAfter(lastFailure.plus(config.quietGap()))) {
                episodeStart = fact.time();
            } else if (fact.time().isBefore(episodeStart)) {
                episodeStart = fact.time();
            }
            if (lastFailure == null || fact.time().isAfter(lastFailure)) {
                lastFailure = fact.time();
            }
        }

        /** A tumbling window: the count restarts once its start is a window old. */
        void count(Instant time, RecentSignalsConfig config) {
            if (countFrom == null || !time.isBefore(countFrom.plus(config.window()))) {
                countFrom = time;
                outcomes = 0;
            }
            outcomes++;
        }
    }
}
