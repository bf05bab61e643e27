package io.homeostat.demo.upstream;

import io.homeostat.core.control.ControlledPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The triage system's database, simulated in process: a table of audit records behind a
 * connection pool. The pool keeps its connections; {@link #dropConnections()} breaks every one of
 * them (as a database restart or a network cut does), and a broken connection keeps failing with
 * "connection reset" until the pool is reset ({@link #softEvict()}, the {@link ControlledPool}
 * the healer calls). While the database is {@linkplain #down(boolean) down}, new connections are
 * refused too. Thread-safe.
 */
public final class SimulatedDatabase implements ControlledPool, Dependency {

    private final String name;
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger brokenBefore = new AtomicInteger();
    private final AtomicInteger poolGeneration = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong evictions = new AtomicLong();
    private final List<String> rows = new ArrayList<>();

    /** A database named {@code name} (e.g. {@code db:primary}) with a healthy pool. */
    public SimulatedDatabase(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The database's name. */
    @Override
    public String name() {
        return name;
    }

    /** Breaks every pooled connection: each fails until the pool is reset. */
    public void dropConnections() {
        brokenBefore.set(generation.incrementAndGet());
    }

    /** Takes the database down (new connections refused) or brings it back. */
    public void down(boolean isDown) {
        down.set(isDown);
    }

    /** Whether the database is down. */
    public boolean isDown() {
        return down.get();
    }

    /** Whether the pooled connections are broken (a reset is needed). */
    public boolean poolBroken() {
        return poolGeneration.get() < brokenBefore.get();
    }

    /**
     * Inserts one audit record.
     *
     * @throws DatabaseException if the pooled connection is broken or the database is down
     */
    public void insert(String record) {
        check();
        synchronized (rows) {
            rows.add(record);
        }
    }

    /**
     * Reads one row by key (a cheap query, also the health probe).
     *
     * @throws DatabaseException if the pooled connection is broken or the database is down
     */
    public String select(String key) {
        check();
        return "patient " + key;
    }

    /** While the database is down, why its dependents fail. */
    @Override
    public Optional<String> failure() {
        return down.get() ? Optional.of("503 database " + name + " refuses connections") : Optional.empty();
    }

    /** Whether a fresh connection would work now (the probe the healer re-runs). */
    public boolean ping() {
        return !down.get();
    }

    private void check() {
        if (poolBroken()) {
            throw new DatabaseException("connection reset: I/O error on pooled connection to " + name
                    + " (the connection was closed by the server)");
        }
        if (down.get()) {
            throw new DatabaseException("connection refused: cannot connect to " + name);
        }
    }

    /** Retires every pooled connection; new ones are opened on demand (and work if the database is up). */
    @Override
    public int softEvict() {
        evictions.incrementAndGet();
        poolGeneration.set(generation.get());
        return 10;
    }

    /** How many times the pool was reset. */
    public long evictions() {
        return evictions.get();
    }

    /** How many records the table holds. */
    public int rowCount() {
        synchronized (rows) {
            return rows.size();
        }
    }

    /** A copy of the records. */
    public List<String> rows() {
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }

    /** A database error, unchecked. */
    public static final class DatabaseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseException(String message) {
            super(message);
        }
    }
}
