package io.homeostat.store.jdbc;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.store.spool.Spool;
import io.homeostat.store.spool.SpoolException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Makes the control loop's own writes (incidents, timelines, diagnoses, workflow runs and step
 * records) durable while the database is unreachable. A write goes straight to the database, on
 * the caller's thread, as long as nothing waits; when the database cannot be reached the write
 * goes to a spool of its own ({@code loop-state} under the store's spool directory: append-only,
 * each entry checksummed and forced to disk before the call returns) and into the
 * {@linkplain #pending() pending state} the stores' reads lay over the database. While anything
 * waits, every later write goes behind it, so the database receives the writes in the order they
 * were made. The spool is replayed in that order ({@link LoopReplay}, idempotent: a replay
 * interrupted by a crash is simply replayed again) on a tick every retry delay, on a thread of its
 * own (also what an earlier run left in the spool), and when the store closes.
 *
 * <p>Only the first write after the database went away waits for it (up to the pool's connect
 * timeout for a connection, or, on PostgreSQL, {@link JdbcStore#LOOP_WRITE_DEADLINE} for an answer:
 * the store opens the journal on connections bounded so, see {@link AnswerDeadline}); from then on
 * writes go to the spool at once, and nothing tries the database again for one retry delay (the
 * store's flush interval). A replay waits for its connection without holding the journal, so
 * writes are spooled meanwhile, behind what is being replayed; it holds the journal only while one
 * of its transactions runs, so a database that stops answering in the middle of one holds the
 * loop's writes as long as that transaction waits for its answer (the same deadline). Writes go straight to the database again once a
 * replay has emptied the spool, up to one retry delay after the database came back; until then a
 * write is checked only against what waits, not against the database.
 * A write the spool cannot take (it is full) fails with {@link StoreUnavailableException} and is
 * counted ({@link LoopStateStats#refusedWrites()}); a spooled write the database refuses for its
 * content when replayed is logged, counted ({@link LoopStateStats#rejectedWrites()}) and dropped.
 *
 * <p>The pending state holds in memory what the spool holds on disk (both bounded by the spool's
 * size); it is rebuilt from the spool when the store opens.
 *
 * <p>Idempotency claims never come here: a claim is what keeps an action from running twice, and
 * only the database can grant it.
 *
 * <p>Thread-safe: writes and each replayed transaction are serialised by one lock.
 */
final class LoopJournal implements AutoCloseable {

    /** What the database would do with a write when nothing waits: run on a connection of {@code connections}. */
    @FunctionalInterface
    interface Direct {
        void run(DataSource connections) throws SQLException;
    }

    private static final System.Logger LOG = System.getLogger(LoopJournal.class.getName());
    /** Spooled writes replayed in one transaction. */
    static final int WRITES_PER_TRANSACTION = 100;

    private final DataSource dataSource;
    private final Spool spool;
    private final Clock clock;
    private final long retryDelayNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final PendingLoopState pending = new PendingLoopState();
    private final AtomicBoolean replaying = new AtomicBoolean();
    private final Cancellable ticker;
    private volatile long retryAtNanos;
    private volatile boolean closed;

    private final AtomicLong direct = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final long recovered;

    private LoopJournal(DataSource dataSource, Spool spool, Duration retryDelay, Scheduler scheduler) {
        this.dataSource = dataSource;
        this.spool = spool;
        this.clock = scheduler.clock();
        this.retryDelayNanos = retryDelay.toNanos();
        this.retryAtNanos = clock.monotonicNanos();
        spool.forEachPending(entry -> {
            try {
                pending.add(LoopWriteCodec.decode(entry));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "a loop-state spool entry cannot be read; it will be skipped", e);
                pending.addUnreadable();
            }
        });
        this.recovered = pending.size();
        if (recovered > 0) {
            LOG.log(System.Logger.Level.INFO, "{0} loop-state writes an earlier run spooled wait to be replayed", recovered);
        }
        this.ticker = scheduler.scheduleAtFixedRate(retryDelay, retryDelay, this::tick);
    }

    /**
     * Opens the spool in {@code directory} (rebuilding the pending state from what an earlier run
     * left there) and starts ticking; the first replay happens on the first tick.
     *
     * @throws SpoolException if the spool cannot be opened
     */
    static LoopJournal open(DataSource dataSource, Path directory, long maxBytes, Duration retryDelay,
            Scheduler scheduler) {
        Spool spool = Spool.open(directory, maxBytes);
        try {
            return new LoopJournal(dataSource, spool, retryDelay, scheduler);
        } catch (RuntimeException e) { // the spool could not be read back: do not keep its files open
            spool.close();
            throw e;
        }
    }

    /** A new id for an appended row, kept with it so a replay can tell it is there already. */
    static String newWriteId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Writes: straight to the database through {@code direct} if nothing waits and the database
     * answers, else to the spool after checking {@code write} against what waits.
     *
     * @param failure what to throw when the database refuses the direct write for a reason other
     *     than being unreachable
     * @throws StoreUnavailableException if the database is unreachable and the spool full or unwritable
     * @throws IllegalStateException if the store is closed
     */
    void write(LoopWrite write, Direct direct, Function<SQLException, RuntimeException> failure) {
        Objects.requireNonNull(write, "write");
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the store is closed");
            }
            if (pending.isEmpty() && retryDue()) {
                try {
                    direct.run(dataSource);
                    this.direct.incrementAndGet();
                    return;
                } catch (SQLException e) {
                    if (!Unreachable.is(e)) {
                        throw failure.apply(e);
                    }
                    databaseFailed(e);
                }
            }
            if (pending.check(write)) {
                toSpool(write);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replays what waits, if the database answers and is not in its retry delay. Waits for a
     * connection without holding the journal, and lets go of it between transactions: writes
     * meanwhile go to the spool, behind what is being replayed, and are replayed in turn.
     *
     * @return whether nothing waits any more
     */
    boolean replay() {
        if (closed || pending.isEmpty() || !retryDue()) {
            return pending.isEmpty();
        }
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            databaseFailed(e);
            return false;
        }
        try {
            while (replayNext(c)) {
                // one transaction at a time
            }
            return pending.isEmpty();
        } finally {
            closeQuietly(c);
        }
    }

    /** Replays the oldest writes that wait in one transaction; false when none wait or the database went away. */
    private boolean replayNext(Connection c) {
        lock.lock();
        try {
            if (closed || pending.isEmpty()) {
                return false;
            }
            if (!replayBatch(c, pending.head(WRITES_PER_TRANSACTION))) {
                return false;
            }
            if (pending.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "the loop-state spool is replayed and empty");
                return false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The writes that wait, for the stores' reads. */
    PendingLoopState pending() {
        return pending;
    }

    LoopStateStats stats() {
        return new LoopStateStats(pending.size(), direct.get(), spooled.get(), replayed.get(), rejected.get(),
                refused.get(), failedAttempts.get(), recovered, spool.stats());
    }

    /** Stops ticking, replays once more if the database answers, and closes the spool (what waits stays there). */
    @Override
    public void close() {
        ticker.cancel();
        try {
            replay();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the last replay of the loop-state spool failed; what waits stays there", e);
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            spool.close();
        } finally {
            lock.unlock();
        }
    }

    private boolean retryDue() {
        return clock.monotonicNanos() - retryAtNanos >= 0;
    }

    /** Replays on a thread of its own (the scheduler's thread must not wait for a database). */
    private void tick() {
        if (closed || pending.isEmpty() || !retryDue() || !replaying.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("homeostat-loop-state-replay").start(() -> {
            try {
                replay();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "replaying the loop-state spool failed; it is tried again", e);
            } finally {
                replaying.set(false);
            }
        });
    }

    private void toSpool(LoopWrite write) {
        boolean appended;
        try {
            appended = spool.append(LoopWriteCodec.encode(write));
        } catch (SpoolException e) {
            refused.incrementAndGet();
            throw new StoreUnavailableException("the database is unreachable and the loop-state spool cannot be "
                    + "written: " + e.getMessage(), e);
        }
        if (!appended) {
            refused.incrementAndGet();
            throw new StoreUnavailableException("the database is unreachable and the loop-state spool is full ("
                    + spool.stats().maxBytes() + " bytes); " + refused.get() + " writes refused", null);
        }
        pending.add(write);
        spooled.incrementAndGet();
    }

    /** Writes {@code head} in one transaction, or one by one if the database refuses one of them; false if it went away. */
    private boolean replayBatch(Connection c, List<LoopWrite> head) {
        try {
            c.setAutoCommit(false);
            try {
                for (LoopWrite write : head) {
                    if (write != null) {
                        LoopReplay.apply(c, write);
                    }
                }
                c.commit();
            } catch (SQLException e) {
                rollback(c);
                if (retryLater(e)) {
                    databaseFailed(e);
                    return false;
                }
                return replayOneByOne(c, head);
            } catch (RuntimeException e) { // an entry that cannot be bound: found and dropped one by one
                rollback(c);
                return replayOneByOne(c, head);
            }
            head.forEach(w -> consumed(w != null));
            return true;
        } catch (SQLException e) {
            databaseFailed(e);
            return false;
        }
    }

    private boolean replayOneByOne(Connection c, List<LoopWrite> head) {
        for (LoopWrite write : head) {
            if (write == null) {
                consumed(false);
                continue;
            }
            try {
                LoopReplay.apply(c, write);
                c.commit();
                consumed(true);
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                if (e instanceof SQLException s && retryLater(s)) {
                    databaseFailed(s);
                    return false;
                }
                LOG.log(System.Logger.Level.ERROR, "the database refused a spooled loop-state write, which is dropped: "
                        + abbreviated(write) + " (" + e.getMessage() + ")");
                consumed(false);
            }
        }
        return true;
    }

    /** The oldest spooled write is in the database (or refused for good): out of the spool and the pending state. */
    private void consumed(boolean written) {
        spool.peek();
        spool.commit();
        pending.removeOldest();
        (written ? replayed : rejected).incrementAndGet();
    }

    /**
     * Anything but a refusal of the row itself (a data exception, SQLSTATE class 22, or a broken
     * constraint, class 23): a lost connection, a transaction given up, and also a database that
     * refuses every write for now (read-only after a failover, a full disk, a timeout, revoked
     * rights). Those leave the write in the spool; dropping it would drop every write behind it too.
     */
    private static boolean retryLater(SQLException e) {
        if (Unreachable.is(e)) {
            return true;
        }
        String state = e.getSQLState();
        return state == null || !(state.startsWith("22") || state.startsWith("23"));
    }

    private void databaseFailed(SQLException e) {
        failedAttempts.incrementAndGet();
        retryAtNanos = clock.monotonicNanos() + retryDelayNanos;
        LOG.log(Unreachable.is(e) ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                "the database does not take loop-state writes now (" + e.getSQLState() + "); they go to the spool", e);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // a broken connection: the pool drops it
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the next statement finds out whether the connection still works
        }
    }

    private static String abbreviated(Object write) {
        String text = String.valueOf(write);
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
