package io.homeostat.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs a unit of work on one pooled connection in one transaction: committed if it returns,
 * rolled back if it throws (the pool restores auto-commit when the connection returns). Stateless.
 */
final class InTransaction {

    /** A unit of work on a connection whose auto-commit is off. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int ATTEMPTS = 5;

    private InTransaction() {}

    /**
     * Runs {@code work} and commits.
     *
     * @throws SQLException what the work or the commit threw, after the rollback
     */
    static <T> T run(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    /**
     * Runs {@code work} and commits; when a concurrent transaction inserted the same key first
     * (a unique violation), rolls back and runs it again, at most {@value #ATTEMPTS} times in all.
     * Work written as "update, else insert" stays correct this way without vendor upserts.
     *
     * @throws SQLException what the work or the commit threw, after the rollback; the last
     *     unique violation if every attempt met one
     */
    static <T> T retryingDuplicates(DataSource dataSource, Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return run(dataSource, work);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !UniqueViolation.is(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs {@code work} in a repeatable-read transaction, so that its queries see one snapshot
     * (a row and its member rows read by separate statements agree).
     *
     * @throws SQLException what the work threw
     */
    static <T> T read(DataSource dataSource, Work<T> work) throws SQLException {
        return run(dataSource, c -> {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return work.run(c);
        });
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
