package io.homeostat.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that can be taken down: while {@link #down()}, every {@code getConnection} fails
 * as a pool fails when its database cannot be reached (an {@link SQLTransientConnectionException},
 * SQL state 08001). For tests that need an outage without a network to cut. Thread-safe.
 */
final class SwitchableDataSource implements DataSource {

    private final DataSource delegate;
    private volatile boolean down;
    private volatile String refusing;
    private volatile CountDownLatch entered;
    private volatile CountDownLatch release;

    SwitchableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
        refusing = null;
    }

    /**
     * The database answers but refuses every statement with {@code sqlState}, as a primary turned
     * read-only by a failover does (25006), or a full disk (53100).
     */
    void refusing(String sqlState) {
        down = false;
        refusing = sqlState;
    }

    /**
     * From now on {@code getConnection} first counts {@code entered} down, then waits until
     * {@code release} opens (30 s at most), as a pool waits for a database slow to answer; then it
     * goes on as before.
     */
    void holdConnections(CountDownLatch entered, CountDownLatch release) {
        this.entered = entered;
        this.release = release;
    }

    @Override
    public Connection getConnection() throws SQLException {
        CountDownLatch held = release;
        if (held != null) {
            entered.countDown();
            try {
                if (!held.await(30, TimeUnit.SECONDS)) {
                    throw new SQLTransientConnectionException("held for 30 s (test)", "08001");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted while held (test)", "08001", e);
            }
        }
        if (down) {
            throw new SQLTransientConnectionException("the database cannot be reached (test outage)", "08001");
        }
        Connection connection = delegate.getConnection();
        String state = refusing;
        if (state == null) {
            return connection;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                        throw new SQLException("the database refuses writes now (test, " + state + ")", state);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("not used by the store");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }
}
