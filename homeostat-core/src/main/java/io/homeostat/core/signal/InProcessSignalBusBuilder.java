package io.homeostat.core.signal;

import java.util.Objects;

/** Builds an {@link InProcessSignalBus}. Not thread-safe. */
public final class InProcessSignalBusBuilder {

    private int capacity = InProcessSignalBus.DEFAULT_CAPACITY;
    private int batchSize = InProcessSignalBus.DEFAULT_BATCH_SIZE;
    private String threadName = "homeostat-signal-bus";

    InProcessSignalBusBuilder() {}

    /**
     * The most signals the bus holds before it drops; default 65,536.
     *
     * @throws IllegalArgumentException if not between 1 and 2^30
     */
    public InProcessSignalBusBuilder capacity(int value) {
        if (value < 1 || value > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be between 1 and 2^30, was " + value);
        }
        this.capacity = value;
        return this;
    }

    /**
     * The most signals handed to a subscriber in one call; default 512.
     *
     * @throws IllegalArgumentException if below 1
     */
    public InProcessSignalBusBuilder batchSize(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + value);
        }
        this.batchSize = value;
        return this;
    }

    /**
     * The delivery thread's name; default {@code homeostat-signal-bus}.
     *
     * @throws IllegalArgumentException if blank
     */
    public InProcessSignalBusBuilder threadName(String value) {
        Objects.requireNonNull(value, "threadName");
        if (value.isBlank()) {
            throw new IllegalArgumentException("threadName must not be blank");
        }
        this.threadName = value;
        return this;
    }

    /** A bus with its delivery thread started. */
    public InProcessSignalBus build() {
        return InProcessSignalBus.start(capacity, batchSize, threadName);
    }

    /** A bus with no thread, delivered by {@link InProcessSignalBus#drain()}. */
    public InProcessSignalBus buildManual() {
        return InProcessSignalBus.manual(capacity, batchSize);
    }
}
