package io.homeostat.engine.alert.notify;

import io.homeostat.core.time.Durations;
import io.homeostat.core.time.Scheduler;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What remote channels share to reach out: the scheduler their retries wait on, the executor
 * attempts run on, the JDK {@link HttpClient}, the retry policy and the per-attempt timeout.
 * Immutable and thread-safe.
 *
 * @param scheduler where retries wait (a {@code ManualClock}'s in tests)
 * @param executor where attempts run; default one virtual thread per attempt (tests pass
 *     {@code Runnable::run} to send on the calling thread)
 * @param http the HTTP client
 * @param retry the retry policy; default {@link RetryPolicy#defaults()}
 * @param timeout the longest one attempt may take, positive; default 10 s
 */
public record ChannelTransport(
        Scheduler scheduler, Executor executor, HttpClient http, RetryPolicy retry, Duration timeout) {

    /** @throws IllegalArgumentException if {@code timeout} is not positive */
    public ChannelTransport {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(retry, "retry");
        Durations.requirePositive(timeout, "timeout");
    }

    /** The defaults on {@code scheduler}: virtual threads, a new HTTP client, default retries, 10 s. */
    public static ChannelTransport on(Scheduler scheduler) {
        Duration timeout = Duration.ofSeconds(10);
        return new ChannelTransport(
                scheduler,
                task -> Thread.ofVirtual().name("homeostat-alert-delivery").start(task),
                HttpClient.newBuilder().connectTimeout(timeout).build(),
                RetryPolicy.defaults(),
                timeout);
    }

    /** This transport with another executor. */
    public ChannelTransport withExecutor(Executor executor) {
        return new ChannelTransport(scheduler, executor, http, retry, timeout);
    }

    /** This transport with another retry policy. */
    public ChannelTransport withRetry(RetryPolicy retry) {
        return new ChannelTransport(scheduler, executor, http, retry, timeout);
    }
}
