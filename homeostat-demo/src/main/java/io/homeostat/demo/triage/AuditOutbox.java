package io.homeostat.demo.triage;

import io.homeostat.core.Guard;
import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.upstream.SimulatedDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The clinical audit trail's way to the database: each record is inserted through the database's
 * guard; one that cannot be is kept in order and replayed every 500 ms until the database takes
 * it. Every record carries a sequence number, so {@link #lost()} can tell which ones the database
 * lacks. Thread-safe.
 */
public final class AuditOutbox implements AutoCloseable {

    private final SimulatedDatabase database;
    private final Insert insert;
    private final LongSupplier now;
    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> writtenAt = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Cancellable replaying;

    /**
     * An outbox writing to {@code database} through {@code guard}.
     *
     * @param now the time to stamp records with (milliseconds from the start of the run)
     */
    public AuditOutbox(SimulatedDatabase database, Guard guard, Scheduler scheduler, LongSupplier now) {
        this(database, record -> guard.call(() -> {
            database.insert(record);
            return null;
        }), scheduler, now);
    }

    /**
     * An outbox inserting into {@code database} directly, without a guard: the baseline of the
     * kernel's CPU overhead (see {@link TriageApp#unguarded}). Keeping and replaying work as with
     * a guard.
     */
    public static AuditOutbox direct(SimulatedDatabase database, Scheduler scheduler, LongSupplier now) {
        return new AuditOutbox(database, database::insert, scheduler, now);
    }

    private AuditOutbox(SimulatedDatabase database, Insert insert, Scheduler scheduler, LongSupplier now) {
        this.database = database;
        this.insert = insert;
        this.now = now;
        this.replaying = scheduler.scheduleAtFixedRate(Duration.ofMillis(500), Duration.ofMillis(500), () -> {
            Thread.ofVirtual().start(this::replay);
        });
    }

    /** Writes one record now, or keeps it for replay if the database does not take it. */
    public void write(String text) {
        String record = "a" + sequence.incrementAndGet() + " " + text;
        writtenAt.put(record, now.getAsLong());
        if (!pending.isEmpty() || !insert(record)) {
            pending.add(record);
        }
    }

    private boolean insert(String record) {
        try {
            insert.into(record);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** One insert, through a guard or not. */
    private interface Insert {
        void into(String record);
    }

    /** Replays kept records in order until one fails; returns how many remain. */
    public synchronized int replay() {
        String head;
        while ((head = pending.peek()) != null) {
            if (!insert(head)) {
                break;
            }
            pending.poll();
        }
        return pending.size();
    }

    /** Records kept for replay now. */
    public int pending() {
        return pending.size();
    }

    /** Records written. */
    public long written() {
        return sequence.get();
    }

    /**
     * Replays until nothing is pending or {@code timeout} passed on {@code clock}.
     *
     * @return how many remain
     */
    public int flush(Clock clock, Duration timeout) throws InterruptedException {
        long deadline = clock.monotonicNanos() + timeout.toNanos();
        while (replay() > 0 && clock.monotonicNanos() < deadline) {
            clock.sleep(Duration.ofMillis(200));
        }
        return pending.size();
    }

    /** When each record the database lacks was written (milliseconds from the start), in order. */
    public List<Long> lost() {
        Set<String> stored = new HashSet<>(database.rows());
        List<Long> lost = new ArrayList<>();
        writtenAt.forEach((record, at) -> {
            if (!stored.contains(record)) {
                lost.add(at);
            }
        });
        lost.sort(null);
        return lost;
    }

    /** Stops replaying. */
    @Override
    public void close() {
        replaying.cancel();
    }
}
