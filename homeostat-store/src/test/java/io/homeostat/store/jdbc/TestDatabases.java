package io.homeostat.store.jdbc;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases tests run against. PostgreSQL: {@code HOMEOSTAT_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), user {@code HOMEOSTAT_TEST_PG_USER}
 * (default {@code postgres}), each test in a schema of its own that {@link #dropPostgresSchema}
 * removes. H2: a file database in a test's temporary directory.
 */
final class TestDatabases {

    static final String PG_URL = env("HOMEOSTAT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String PG_USER = env("HOMEOSTAT_TEST_PG_USER", "postgres");
    static final String PG_PASSWORD = env("HOMEOSTAT_TEST_PG_PASSWORD", "");

    private TestDatabases() {}

    /** A fresh schema name, unique per call. */
    static String newSchemaName(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    }

    /** A store configuration on PostgreSQL in {@code schema}, spooling to {@code spool}. */
    static StoreConfig postgres(String schema, Path spool) {
        return StoreConfig.defaults().withJdbc(PG_URL, PG_USER, PG_PASSWORD).withSchema(schema)
                .withSpool(spool, 64L << 20);
    }

    /** A store configuration on an H2 file database in {@code directory}, spooling beside it. */
    static StoreConfig h2(Path directory) {
        return StoreConfig.defaults().withJdbc("jdbc:h2:file:" + directory.resolve("db").toAbsolutePath(), "sa", "")
                .withSpool(directory.resolve("spool"), 64L << 20);
    }

    /** The host and port of the PostgreSQL URL, for a proxy in front of it. */
    static URI postgresAddress() {
        return URI.create(PG_URL.substring("jdbc:".length()));
    }

    /** {@link #PG_URL} pointed at {@code port} on 127.0.0.1 instead. */
    static String postgresUrlThrough(int port) {
        URI uri = postgresAddress();
        return "jdbc:postgresql://127.0.0.1:" + port + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** {@link #PG_URL} pointed at database {@code database} of the same server instead. */
    static String postgresUrlOf(String database) {
        URI uri = postgresAddress();
        return "jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Runs one statement on the server, outside any test schema (to create or drop a database). */
    static void onServer(String sql) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run on the test server: " + sql, e);
        }
    }

    static void dropPostgresSchema(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }

    /** Deletes every row of {@code tables}, in that order, in the store's database. */
    static void empty(JdbcStore store, String... tables) {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number of rows in {@code table} of the store's database. */
    static long count(JdbcStore store, String table) {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
