package io.homeostat.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Writes one batch to the database in one transaction with idempotent inserts, one JDBC batch per
 * table. Where the idempotent statement is dear (H2's MERGE), a plain insert goes first and the
 * batch is written again with the idempotent one only when an id is already there (a replay). Used by the writer thread only; {@link #rejected()} may be read from any thread.
 */
final class BatchSink {

    private static final System.Logger LOG = System.getLogger(BatchSink.class.getName());

    private final DataSource dataSource;
    private final Map<Table<?>, String> inserts = new LinkedHashMap<>();
    private final Map<Table<?>, String> plainInserts = new LinkedHashMap<>();
    private final Dialect dialect;
    private final AtomicLong rejected = new AtomicLong();

    BatchSink(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Rows the database refused for their content, logged one by one. */
    long rejected() {
        return rejected.get();
    }

    /**
     * Writes {@code batch}; false when the database could not be reached (nothing may be assumed
     * written; writing the batch again is harmless). Rows the database refuses for their content
     * are logged, counted and skipped.
     */
    boolean write(List<Pending> batch) {
        Map<Table<?>, List<Object>> byTable = new LinkedHashMap<>();
        for (Pending p : batch) {
            byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(p.row());
        }
        try (Connection connection = dataSource.getConnection()) {
            try {
                connection.setAutoCommit(false);
                try {
                    insertAll(connection, byTable, dialect.hasCheapIdempotentInsert());
                } catch (SQLException e) {
                    if (!isDuplicateKey(e)) {
                        throw e;
                    }
                    // a replayed row: write the batch again with the statement that skips known ids
                    connection.rollback();
                    insertAll(connection, byTable, true);
                }
                connection.commit();
                return true;
            } catch (SQLException e) {
                if (Unreachable.is(e) || !valid(connection)) {
                    return false;
                }
                rollback(connection);
                return writeRowByRow(connection, batch);
            }
        } catch (SQLException e) {
            if (Unreachable.is(e)) {
                return false;
            }
            LOG.log(System.Logger.Level.ERROR, "unexpected database error; the batch is kept for a retry", e);
            return false;
        }
    }

    private void insertAll(Connection connection, Map<Table<?>, List<Object>> byTable, boolean idempotent)
            throws SQLException {
        for (Map.Entry<Table<?>, List<Object>> e : byTable.entrySet()) {
            String sql = idempotent ? insert(e.getKey()) : plainInsert(e.getKey());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object row : e.getValue()) {
                    bind(statement, e.getKey(), row);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
    }

    private static boolean isDuplicateKey(SQLException error) {
        for (SQLException e = error; e != null; e = e.getNextException()) {
            if ("23505".equals(e.getSQLState())) {
                return true;
            }
        }
        return error.getCause() instanceof SQLException cause && "23505".equals(cause.getSQLState());
    }

    private boolean writeRowByRow(Connection connection, List<Pending> batch) {
        try {
            connection.setAutoCommit(true);
            for (Pending p : batch) {
                try (PreparedStatement statement = connection.prepareStatement(insert(p.table()))) {
                    bind(statement, p.table(), p.row());
                    statement.executeUpdate();
                } catch (SQLException e) {
                    if (Unreachable.is(e) || !valid(connection)) {
                        return false;
                    }
                    rejected.incrementAndGet();
                    LOG.log(System.Logger.Level.ERROR, "the database refused a row of " + p.table().name() + ": "
                            + abbreviated(p.row()) + " (" + e.getMessage() + ")");
                }
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String abbreviated(Object row) {
        String text = String.valueOf(row);
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private String insert(Table<?> table) {
        return inserts.computeIfAbsent(table, t -> dialect.insertIgnoringDuplicates(t.name(), t.columns()));
    }

    private String plainInsert(Table<?> table) {
        return plainInserts.computeIfAbsent(table, t -> Dialect.plainInsert(t.name(), t.columns()));
    }

    private static <T> void bind(PreparedStatement statement, Table<T> table, Object row) throws SQLException {
        table.bind(statement, table.rowType().cast(row));
    }

    private static boolean valid(Connection connection) {
        try {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the row-by-row pass finds out whether the connection still works
        }
    }
}
