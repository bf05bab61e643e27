package io.homeostat.demo.chaos;

import io.homeostat.core.time.ManualClock;
import java.io.IOException;
import java.util.Objects;
import java.util.Random;

/**
 * A dependency of the system under chaos, answered in process on the rig's manual clock: a call
 * takes {@link #latencyMillis} of simulated time and fails with {@link #errorRate} (drawn from a
 * seeded {@link Random}, so the same seed fails the same calls), or always while {@link #down}.
 * Not thread-safe: the scenarios drive it from one thread.
 */
final class Upstream {

    private final String name;
    private final ManualClock clock;
    private final Random random;
    private boolean down;
    private double errorRate;
    private long latencyMillis = 5;
    private int calls;
    private int failures;

    Upstream(String name, ManualClock clock, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        this.clock = clock;
        this.random = new Random(seed ^ name.hashCode());
    }

    String name() {
        return name;
    }

    /** Every call fails (refused) while down. */
    Upstream down(boolean down) {
        this.down = down;
        return this;
    }

    boolean isDown() {
        return down;
    }

    /** The share of calls that fail, drawn from the seeded random. */
    Upstream errorRate(double errorRate) {
        this.errorRate = errorRate;
        return this;
    }

    /** The simulated time each call takes. */
    Upstream latencyMillis(long latencyMillis) {
        this.latencyMillis = latencyMillis;
        return this;
    }

    /** Healthy again: up, no errors, 5 ms. */
    Upstream heal() {
        return down(false).errorRate(0).latencyMillis(5);
    }

    int calls() {
        return calls;
    }

    int failures() {
        return failures;
    }

    /** One call: advances the clock by the latency, then answers or throws. */
    String call(String request) throws IOException {
        calls++;
        clock.advanceMillis(latencyMillis);
        if (down || (errorRate > 0 && random.nextDouble() < errorRate)) {
            failures++;
            throw new IOException(name + (down ? " refused the connection" : " answered 503"));
        }
        return name + " answered " + request;
    }
}
