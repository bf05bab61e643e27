package io.homeostat.core.signal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The embedded-mode {@link SignalBus}: a bounded in-memory queue (capacity default 65,536)
 * between the application's threads and the control loop, delivered in batches (default up to
 * 512 signals) to every subscriber on one daemon delivery thread.
 *
 * <p><b>Why a lock-free ring.</b> Publishing happens on the application's hot path, from many
 * threads at once. {@code ArrayBlockingQueue.offer} never waits for space, but every publisher
 * takes the same lock, so publishers queue behind each other (and behind the consumer) under
 * load. The ring here claims a slot with one compare-and-set and stores with a release write: no
 * lock, no allocation per signal, a bound that is exact, and a close that is exact too (it sets a
 * flag in the same word publishers claim from, so a signal is either accepted before close and
 * delivered, or dropped and counted; never stranded). Publishers wake the delivery thread only
 * when it is parked.
 *
 * <p><b>Manual mode.</b> {@link #manual()} makes a bus with no thread: {@link #drain()} delivers
 * everything queued on the calling thread. For tests and for hosts that run their own loop.
 *
 * <p>Subscribers run on the delivery thread (or the draining thread), one batch at a time; the
 * batch list is unmodifiable and may be kept. A subscriber that throws is counted in
 * {@link #subscriberFailures()} and keeps its subscription.
 *
 * <p>Thread-safe.
 */
public final class InProcessSignalBus implements SignalBus {

    /** The default capacity, 65,536 signals. */
    public static final int DEFAULT_CAPACITY = 65_536;

    /** The default largest batch, 512 signals. */
    public static final int DEFAULT_BATCH_SIZE = 512;

    /** The longest the delivery thread parks before looking again, should a wake-up be missed. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final InProcessSignalBusRing ring;
    private final int batchSize;
    private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private final LongAdder dropped = new LongAdder();
    private final AtomicLong subscriberFailures = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final ReentrantLock consumerLock = new ReentrantLock();
    private final Thread deliveryThread;
    private volatile boolean parked;

    private InProcessSignalBus(int capacity, int batchSize, String threadName) {
        this.ring = new InProcessSignalBusRing(capacity);
        this.batchSize = batchSize;
        if (threadName == null) {
            this.deliveryThread = null;
        } else {
            this.deliveryThread = new Thread(this::deliveryLoop, threadName);
            this.deliveryThread.setDaemon(true);
        }
    }

    /** A started bus with the default capacity and batch size. */
    public static InProcessSignalBus create() {
        return builder().build();
    }

    /** A bus with no delivery thread, default capacity and batch size; see {@link #drain()}. */
    public static InProcessSignalBus manual() {
        return builder().buildManual();
    }

    /** A builder with the defaults. */
    public static InProcessSignalBusBuilder builder() {
        return new InProcessSignalBusBuilder();
    }

    static InProcessSignalBus start(int capacity, int batchSize, String threadName) {
        InProcessSignalBus bus = new InProcessSignalBus(capacity, batchSize, threadName);
        bus.deliveryThread.start();
        return bus;
    }

    static InProcessSignalBus manual(int capacity, int batchSize) {
        return new InProcessSignalBus(capacity, batchSize, null);
    }

    /**
     * Queues {@code signal} without blocking or allocating.
     *
     * @return false if the bus is full or closed; the drop is counted
     * @throws NullPointerException if {@code signal} is null
     */
    @Override
    public boolean publish(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        if (ring.offer(signal)) {
            if (parked) {
                LockSupport.unpark(deliveryThread);
            }
            return true;
        }
        dropped.increment();
        return false;
    }

    /**
     * Queues all of {@code signals}, in order, or none of them, without blocking: for a caller that
     * has many at once and can answer "busy" instead of losing some (an ingest batch). Room for all
     * is claimed with one compare-and-set and the delivery thread is woken once. A refusal is not
     * counted in {@link #dropped()}: the caller still holds the signals.
     *
     * @return true if all were queued (always for an empty list); false if the bus has no room for
     *     all of them now, or is closed
     * @throws NullPointerException if {@code signals} or one of its elements is null; then none
     *     was queued
     */
    public boolean publishAll(List<? extends Signal> signals) {
        signals.forEach(signal -> Objects.requireNonNull(signal, "signal"));
        if (signals.isEmpty()) {
            return true;
        }
        if (!ring.offerAll(signals)) {
            return false;
        }
        if (parked) {
            LockSupport.unpark(deliveryThread);
        }
        return true;
    }

    /** {@inheritDoc} The same subscriber may subscribe twice and then receives each batch twice. */
    @Override
    public AutoCloseable subscribe(Consumer<List<Signal>> subscriber) {
        Subscription subscription = new Subscription(Objects.requireNonNull(subscriber, "subscriber"));
        subscribers.add(subscription);
        return () -> subscribers.remove(subscription);
    }

    /**
     * Manual mode: delivers everything queued, in batches, on the calling thread.
     *
     * @return how many signals were delivered
     * @throws IllegalStateException if the bus has a delivery thread
     */
    public int drain() {
        if (deliveryThread != null) {
            throw new IllegalStateException("drain() is for manual buses; this one has a delivery thread");
        }
        consumerLock.lock();
        try {
            int total = 0;
            while (ring.hasPending()) {
                int count = deliverBatch();
                if (count == 0) {
                    Thread.yield(); // a publisher has claimed a slot and is about to fill it
                }
                total += count;
            }
            return total;
        } finally {
            consumerLock.unlock();
        }
    }

    @Override
    public long published() {
        return ring.accepted();
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    /** Signals handed to subscribers so far (each counted once, however many subscribers). */
    public long delivered() {
        return delivered.get();
    }

    /** Times a subscriber threw. */
    public long subscriberFailures() {
        return subscriberFailures.get();
    }

    /** Signals accepted and not yet delivered. */
    public long pending() {
        return ring.accepted() - ring.taken();
    }

    /** True once {@link #close()} has been called: every later publish is dropped. */
    public boolean isClosed() {
        return ring.isClosed();
    }

    /** The most signals the bus holds. */
    public int capacity() {
        return ring.capacity();
    }

    /**
     * Stops accepting signals, delivers everything already accepted, then stops the delivery
     * thread; returns when that is done (at once when called from a subscriber). Idempotent.
     */
    @Override
    public void close() {
        ring.close();
        if (deliveryThread == null) {
            drain();
            return;
        }
        LockSupport.unpark(deliveryThread);
        if (Thread.currentThread() == deliveryThread) {
            return;
        }
        boolean interrupted = false;
        while (deliveryThread.isAlive()) {
            try {
                deliveryThread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliveryLoop() {
        while (true) {
            if (deliverBatch() > 0) {
                continue;
            }
            if (ring.hasPending()) {
                Thread.yield(); // a publisher has claimed a slot and is about to fill it
                continue;
            }
            if (ring.isClosed()) {
                return; // closed and nothing accepted is left: everything was delivered
            }
            parked = true;
            if (!ring.hasPending() && !ring.isClosed()) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            parked = false;
        }
    }

    private int deliverBatch() {
        Signal first = ring.poll();
        if (first == null) {
            return 0;
        }
        List<Signal> batch = new ArrayList<>((int) Math.min(batchSize, pending() + 1));
        batch.add(first);
        Signal next;
        while (batch.size() < batchSize && (next = ring.poll()) != null) {
            batch.add(next);
        }
        List<Signal> view = Collections.unmodifiableList(batch);
        for (Subscription subscription : subscribers) {
            try {
                subscription.subscriber.accept(view);
            } catch (RuntimeException | Error e) {
                subscriberFailures.incrementAndGet();
            }
        }
        delivered.addAndGet(batch.size());
        return batch.size();
    }

    private record Subscription(Consumer<List<Signal>> subscriber) {
        @Override
        public boolean equals(Object other) {
            return this == other; // two subscriptions of one consumer are distinct
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
