package io.homeostat.engine.learn.retry;

import io.homeostat.core.retry.DelayAdvisor;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Learns, per dependency, how long after a failure the next success comes (an outage's recovery
 * time: from the first failure after a success to the next success), as a moving average bounded
 * by {@link RecoveryDelayConfig#ceiling()}, and hands each dependency's guard a
 * {@link DelayAdvisor} ({@link #advisor}) for its {@code RetryConfig}: the first retry waits the
 * learned recovery time, each further one {@link RecoveryDelayConfig#growth()} times longer,
 * always within [{@link RecoveryDelayConfig#floor() floor}, {@link RecoveryDelayConfig#ceiling()
 * ceiling}]. Before a dependency's first recovery the advisor gives no advice and the configured
 * backoff is used. Time comes from the outcomes, not from a clock.
 *
 * <p>Thread-safe. The advisors are allocation-free; feeding takes a per-dependency lock. One small
 * entry is kept per dependency named to {@link #advisor} or seen in an outcome.
 */
public final class RecoveryDelayLearner {

    private final RecoveryDelayConfig config;
    private final ConcurrentMap<String, LearnedDelay> dependencies = new ConcurrentHashMap<>();

    private RecoveryDelayLearner(RecoveryDelayConfig config) {
        this.config = config;
    }

    /**
     * A learner with {@code config}.
     *
     * @throws NullPointerException if {@code config} is null
     */
    public static RecoveryDelayLearner create(RecoveryDelayConfig config) {
        return new RecoveryDelayLearner(Objects.requireNonNull(config, "config"));
    }

    /**
     * Takes an {@link OperationOutcome}: a success ends the dependency's outage; a failure, timeout
     * or fallback starts one if none is going on. Rejections (an open breaker, a full bulkhead) say
     * nothing about the dependency and are ignored, as are other signals.
     */
    public void observe(Signal signal) {
        if (signal instanceof OperationOutcome outcome) {
            switch (outcome.status()) {
                case SUCCESS -> success(outcome.service(), outcome.time());
                case FAILURE, TIMEOUT, FALLBACK -> failure(outcome.service(), outcome.time());
                case REJECTED -> { }
            }
        }
    }

    /** A call to {@code dependency} failed at {@code time}. */
    public void failure(String dependency, Instant time) {
        Objects.requireNonNull(time, "time");
        of(dependency).failure(time);
    }

    /** A call to {@code dependency} succeeded at {@code time}. */
    public void success(String dependency, Instant time) {
        Objects.requireNonNull(time, "time");
        of(dependency).success(time);
    }

    /**
     * The advisor for {@code dependency}'s retries, to pass to
     * {@code RetryConfig.Builder.delayAdvisor}; it follows what is learned from then on.
     *
     * @throws NullPointerException if {@code dependency} is null
     */
    public DelayAdvisor advisor(String dependency) {
        return of(dependency);
    }

    /** The learned recovery time of {@code dependency}; empty before its first recovery. */
    public Optional<Duration> recoveryTime(String dependency) {
        LearnedDelay delay = dependencies.get(dependency);
        return delay == null || delay.learnedNanos() < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(delay.learnedNanos()));
    }

    /** Outages of {@code dependency} that ended in a success so far. */
    public long recoveries(String dependency) {
        LearnedDelay delay = dependencies.get(dependency);
        return delay == null ? 0 : delay.recoveries();
    }

    /** The configuration in use. */
    public RecoveryDelayConfig config() {
        return config;
    }

    private LearnedDelay of(String dependency) {
        Objects.requireNonNull(dependency, "dependency");
        return dependencies.computeIfAbsent(dependency, d -> new LearnedDelay(config));
    }
}
