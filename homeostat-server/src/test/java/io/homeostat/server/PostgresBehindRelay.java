package io.homeostat.server;

import io.homeostat.store.jdbc.StoreConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The test PostgreSQL ({@code HOMEOSTAT_TEST_PG_URL}, default 127.0.0.1:5432, user {@code postgres})
 * behind a {@link TcpRelay}, in a schema of its own that {@link #close()} drops: a server's store
 * that a test can take away ({@link #relay}{@code .cut()}) and give back, as a network would.
 */
final class PostgresBehindRelay implements AutoCloseable {

    private static final String URL = env("HOMEOSTAT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("HOMEOSTAT_TEST_PG_USER", "postgres");
    static final String PASSWORD = env("HOMEOSTAT_TEST_PG_PASSWORD", "");

    final String schema = "server_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    final TcpRelay relay;

    PostgresBehindRelay() throws IOException {
        this.relay = new TcpRelay(URI.create(URL.substring("jdbc:".length())).getPort());
    }

    /** The store of a server on this database, through the relay, spooling under {@code data}. */
    StoreConfig store(Path data) {
        URI direct = URI.create(URL.substring("jdbc:".length()));
        String throughRelay = "jdbc:postgresql://127.0.0.1:" + relay.port() + direct.getRawPath()
                + (direct.getRawQuery() == null ? "" : "?" + direct.getRawQuery());
        return StoreConfig.defaults().withJdbc(throughRelay, USER, PASSWORD).withSchema(schema)
                .withSpool(data.resolve("spool"), 64L << 20);
    }

    /** A JDBC URL straight to the database (not through the relay) whose connections use this schema. */
    String directUrl() {
        URI direct = URI.create(URL.substring("jdbc:".length()));
        return URL + (direct.getRawQuery() == null ? "?" : "&") + "currentSchema=" + schema;
    }

    /** Runs {@code sql} in this schema, directly (not through the relay); the number of rows it changed. */
    int execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            return s.executeUpdate(sql);
        }
    }

    /** The first column of the first row {@code sql} selects in this schema, as text; null when there is none. */
    String query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
            try (var rows = s.executeQuery(sql)) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Override
    public void close() throws IOException, SQLException {
        relay.close();
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
