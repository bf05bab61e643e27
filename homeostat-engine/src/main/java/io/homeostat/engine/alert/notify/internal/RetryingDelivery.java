package io.homeostat.engine.alert.notify.internal;

import io.homeostat.engine.alert.notify.ChannelTransport;
import io.homeostat.engine.alert.notify.DeadLetter;
import io.homeostat.engine.alert.notify.DeliveryStats;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs delivery attempts on the transport's executor, retries failures after the policy's
 * backoff on its scheduler, and dead-letters a message after its last attempt. Thread-safe.
 */
public final class RetryingDelivery {

    /** One try at delivering; throws to fail. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }

    private static final int KEPT_DEAD_LETTERS = 100;

    private final String channel;
    private final ChannelTransport transport;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private final ArrayDeque<DeadLetter> deadLetters = new ArrayDeque<>();

    public RetryingDelivery(String channel, ChannelTransport transport) {
        this.channel = channel;
        this.transport = transport;
    }

    /** Delivers, with retries; {@code payload} is what a dead letter keeps. */
    public void submit(String key, String payload, Attempt attempt) {
        transport.executor().execute(() -> run(key, payload, attempt, 1));
    }

    private void run(String key, String payload, Attempt attempt, int number) {
        try {
            attempt.run();
            delivered.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(key, payload, attempt, number, e);
        } catch (Exception e) {
            fail(key, payload, attempt, number, e);
        }
    }

    private void fail(String key, String payload, Attempt attempt, int number, Exception error) {
        failedAttempts.incrementAndGet();
        if (number >= transport.retry().maxAttempts()) {
            deadLettered.incrementAndGet();
            DeadLetter letter = new DeadLetter(channel, key, payload, number, describe(error),
                    transport.scheduler().clock().instant());
            synchronized (deadLetters) {
                if (deadLetters.size() == KEPT_DEAD_LETTERS) {
                    deadLetters.removeFirst();
                }
                deadLetters.addLast(letter);
            }
            return;
        }
        retries.incrementAndGet();
        pending.incrementAndGet();
        transport.scheduler().schedule(transport.retry().backoffAfter(number), () -> {
            pending.decrementAndGet();
            transport.executor().execute(() -> run(key, payload, attempt, number + 1));
        });
    }

    private static String describe(Exception error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The counts so far. */
    public DeliveryStats stats() {
        List<DeadLetter> letters;
        synchronized (deadLetters) {
            letters = List.copyOf(deadLetters);
        }
        return new DeliveryStats(delivered.get(), failedAttempts.get(), retries.get(), deadLettered.get(),
                pending.get(), letters);
    }
}
