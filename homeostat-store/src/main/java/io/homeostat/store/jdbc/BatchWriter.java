package io.homeostat.store.jdbc;

import io.homeostat.core.time.Cancellable;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.store.spool.Spool;
import io.homeostat.store.spool.SpoolException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes rows on its own thread, in batches of {@code batchSize} or whatever has waited one
 * {@code flushInterval}, whichever comes first. A batch the database cannot take goes to the
 * spool; while the spool holds anything, new batches go behind it, and the spool is replayed in
 * order whenever the database answers again. When more full batches are already waiting, up to
 * {@link #BATCHES_PER_TRANSACTION} of them are written in one transaction (group commit): the
 * batch size bounds how long a record waits, not how much one commit may carry.
 *
 * <p>Thread-safe: any thread may {@link #submit} and {@link #flush}. {@code submit} blocks only
 * when the in-memory queue is full (backpressure); it never touches the database.
 */
final class BatchWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BatchWriter.class.getName());
    private static final int REPLAY_ENTRIES_PER_TURN = 100;
    /** Under load, up to this many full batches share one transaction (and one spool entry). */
    static final int BATCHES_PER_TRANSACTION = 10;

    private enum Tick { TICK }

    private record FlushRequest(CompletableFuture<Void> done) {}

    private record Stop() {}

    private final BatchSink sink;
    private final Spool spool;
    private final Clock clock;
    private final int batchSize;
    private final long retryDelayNanos;
    private final BlockingQueue<Object> queue;
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final Cancellable ticker;
    private final Thread thread;
    private volatile boolean closed;

    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong spooled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Drops a flush has already reported: each drop is reported by exactly one flush. */
    private final AtomicLong reportedDrops = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile io.homeostat.store.spool.SpoolStats spoolStats;

    // writer thread only
    private boolean flushNow;
    private boolean stopping;
    private long retryAtNanos;
    private boolean warnedNearFull;

    BatchWriter(BatchSink sink, Spool spool, int batchSize, Duration flushInterval, Scheduler scheduler) {
        this.sink = sink;
        this.spool = spool;
        this.clock = scheduler.clock();
        this.batchSize = batchSize;
        this.retryDelayNanos = flushInterval.toNanos();
        this.queue = new ArrayBlockingQueue<>(Math.max(10_000, batchSize * 50));
        this.spoolStats = spool.stats();
        this.retryAtNanos = clock.monotonicNanos();
        this.thread = Thread.ofPlatform().daemon().name("homeostat-store-writer").start(this::run);
        this.ticker = scheduler.scheduleAtFixedRate(flushInterval, flushInterval, this::tick);
    }

    /**
     * Queues {@code row} for {@code table}; blocks while the queue is full.
     *
     * @throws IllegalStateException if the writer is closed or the thread is interrupted while waiting
     */
    <T> void submit(Table<T> table, T row) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        try {
            queue.put(new Pending(table, row));
            submitted.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for room in the write queue", e);
        }
    }

    /**
     * Blocks until every row submitted before is in the database or the spool.
     *
     * @throws IllegalStateException if the writer is closed, or the thread is interrupted
     * @throws StoreUnavailableException if records were dropped since the previous flush (the
     *     database was unreachable and the spool full), whether before or while this one waited
     */
    void flush() {
        drain();
        long now = dropped.get();
        long lost = now - reportedDrops.getAndSet(now);
        if (lost > 0) {
            throw new StoreUnavailableException(lost + " records could be stored nowhere: the database is "
                    + "unreachable and the spool is full", null);
        }
    }

    /**
     * Blocks until every row submitted before is in the database or the spool, as {@link #flush()},
     * without reporting drops (a reader's wait to see what was appended before it).
     *
     * @throws IllegalStateException if the writer is closed, or the thread is interrupted
     */
    void drain() {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            queue.put(new FlushRequest(done));
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the writer failed while flushing", e.getCause());
        }
    }

    WriterStats stats() {
        return new WriterStats(submitted.get(), written.get(), spooled.get(), replayed.get(), dropped.get(),
                sink.rejected(), failedAttempts.get(), queue.size(), spoolStats);
    }

    /** Writes what is queued, stops the thread and closes the spool (what it holds stays for the next start). */
    @Override
    public void close() {
        close(Duration.ofDays(365), () -> { });
    }

    /**
     * As {@link #close()}, waiting at most {@code patience} for a statement the database does not
     * answer: then {@code abandon} gives up the writer's connections (e.g. closes the pool), so the
     * statement fails at once and what the writer still holds goes to the spool instead of waiting
     * for the socket timeout. After as long again, what is left is counted as dropped.
     */
    void close(Duration patience, Runnable abandon) {
        if (closed) {
            return;
        }
        closed = true;
        ticker.cancel();
        try {
            boolean stopQueued = queue.offer(new Stop(), patience.toNanos(), TimeUnit.NANOSECONDS);
            if (!stopQueued || !thread.join(patience)) {
                LOG.log(System.Logger.Level.WARNING, "the store writer still waits for the database after {0}; its"
                        + " connections are given up so that what it holds goes to the spool", patience);
                abandon.run();
                if (!stopQueued) {
                    queue.put(new Stop());
                }
                if (!thread.join(patience)) {
                    long lost = submitted.get() - written.get() - spooled.get() - dropped.get();
                    LOG.log(System.Logger.Level.ERROR, "the store writer did not stop; {0} records it held are lost",
                            lost);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            spool.close();
        }
    }

    private void tick() {
        if (tickQueued.compareAndSet(false, true) && !queue.offer(Tick.TICK)) {
            tickQueued.set(false);
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        List<CompletableFuture<Void>> flushes = new ArrayList<>();
        while (!stopping) {
            flushNow = false;
            try {
                Object item = queue.take();
                take(item, batch, flushes);
                while (batch.size() < batchSize && !stopping && (item = queue.poll()) != null) {
                    take(item, batch, flushes);
                }
                // under load, batches already waiting join this one's transaction: one commit for several
                while (batch.size() >= batchSize && batch.size() < batchSize * BATCHES_PER_TRANSACTION
                        && !stopping && (item = queue.poll()) != null) {
                    take(item, batch, flushes);
                }
                if (batch.size() >= batchSize || ((flushNow || stopping) && !batch.isEmpty())) {
                    write(batch);
                    batch.clear();
                } else if (flushNow && !spool.isEmpty()) {
                    replay();
                }
                flushes.forEach(f -> f.complete(null));
            } catch (InterruptedException e) {
                stopping = true;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "the store writer failed a turn; " + batch.size()
                        + " records dropped", e);
                dropped.addAndGet(batch.size());
                batch.clear();
                flushes.forEach(f -> f.completeExceptionally(e));
            }
            flushes.clear();
            spoolStats = spool.stats();
        }
        writeLateArrivals();
    }

    /** Rows a caller queued while the writer was being closed: written (or spooled) rather than lost. */
    private void writeLateArrivals() {
        List<Pending> late = new ArrayList<>();
        for (Object item; (item = queue.poll()) != null; ) {
            if (item instanceof Pending p) {
                late.add(p);
            } else if (item instanceof FlushRequest f) {
                f.done().complete(null);
            }
        }
        if (!late.isEmpty()) {
            try {
                write(late);
            } catch (RuntimeException e) {
                dropped.addAndGet(late.size());
                LOG.log(System.Logger.Level.ERROR, late.size() + " records queued while closing were dropped", e);
            }
        }
        spoolStats = spool.stats();
    }

    private void take(Object item, List<Pending> batch, List<CompletableFuture<Void>> flushes) {
        switch (item) {
            case Pending p -> batch.add(p);
            case FlushRequest f -> {
                flushes.add(f.done());
                flushNow = true;
            }
            case Tick t -> {
                tickQueued.set(false);
                flushNow = true;
            }
            case Stop s -> stopping = true;
            default -> throw new IllegalStateException("unexpected item " + item);
        }
    }

    private void write(List<Pending> batch) {
        if (!spool.isEmpty()) {
            replay();
        }
        if (spool.isEmpty() && clock.monotonicNanos() - retryAtNanos >= 0) {
            if (sink.write(batch)) {
                written.addAndGet(batch.size());
                return;
            }
            databaseFailed();
        }
        toSpool(batch);
    }

    private void replay() {
        for (int i = 0; i < REPLAY_ENTRIES_PER_TURN && !spool.isEmpty(); i++) {
            if (clock.monotonicNanos() - retryAtNanos < 0) {
                return;
            }
            byte[] entry = spool.peek().orElseThrow();
            List<Pending> rows;
            try {
                rows = BatchCodec.decode(entry);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "a spool entry cannot be read and is skipped", e);
                dropped.incrementAndGet();
                spool.commit();
                continue;
            }
            if (!sink.write(rows)) {
                databaseFailed();
                return;
            }
            spool.commit();
            replayed.addAndGet(rows.size());
            written.addAndGet(rows.size());
        }
        if (spool.isEmpty() && warnedNearFull) {
            warnedNearFull = false;
            LOG.log(System.Logger.Level.INFO, "the store spool is replayed and empty again");
        }
    }

    private void databaseFailed() {
        failedAttempts.incrementAndGet();
        retryAtNanos = clock.monotonicNanos() + retryDelayNanos;
    }

    private void toSpool(List<Pending> batch) {
        boolean appended;
        try {
            appended = spool.append(BatchCodec.encode(batch));
        } catch (SpoolException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot write the spool; " + batch.size() + " records dropped", e);
            dropped.addAndGet(batch.size());
            return;
        }
        if (!appended) {
            dropped.addAndGet(batch.size());
            LOG.log(System.Logger.Level.ERROR, "the store spool is full ({0} bytes); {1} records dropped "
                    + "({2} dropped in all)", spool.stats().maxBytes(), batch.size(), dropped.get());
            return;
        }
        spooled.addAndGet(batch.size());
        if (!warnedNearFull && spool.stats().nearFull()) {
            warnedNearFull = true;
            LOG.log(System.Logger.Level.WARNING, "the store spool is {0}% full while the database is unreachable",
                    Math.round(spool.stats().fill() * 100));
        }
    }
}
