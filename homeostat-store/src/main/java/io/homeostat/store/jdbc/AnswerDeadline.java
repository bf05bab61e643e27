package io.homeostat.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connections with a shorter wait for the database's answers: each connection handed out
 * has a network timeout ({@link Connection#setNetworkTimeout}) of {@code deadline}, after which a
 * statement that has no answer fails as a broken connection and the connection is dropped. The pool
 * puts its own timeout back when the connection returns.
 *
 * <p>The store's socket timeout is minutes, for the long statements of housekeeping; whoever waits
 * for an answer waits less ({@link JdbcStore#STATEMENT_DEADLINE}, {@link JdbcStore#LOOP_WRITE_DEADLINE}).
 * The loop's own writes ({@link LoopJournal}) are small, a database that has not answered one
 * within seconds is as good as away, and the thread that writes them is the one that detects. A
 * write that fails this way goes to the spool; its replay is idempotent, so one that did reach the
 * database before the answer was lost is not applied twice.
 */
final class AnswerDeadline implements DataSource {

    private final DataSource pool;
    private final int millis;

    AnswerDeadline(DataSource pool, Duration deadline) {
        this.pool = pool;
        this.millis = Math.toIntExact(deadline.toMillis());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return bounded(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return bounded(pool.getConnection(username, password));
    }

    private Connection bounded(Connection c) throws SQLException {
        try {
            c.setNetworkTimeout(Runnable::run, millis);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
