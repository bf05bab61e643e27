package io.homeostat.demo.chaos;

import io.homeostat.store.jdbc.StoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.h2.tools.Server;

/**
 * A database a scenario can take away and give back without touching anyone else's: H2 as a TCP
 * server on a loopback port of its own (stopped and started again on the same port), or the shared
 * PostgreSQL at 127.0.0.1:5432 ({@code HOMEOSTAT_TEST_PG_URL}) reached as a login role of the
 * scenario's own that owns the scenario's schema: {@link #cut()} takes the role's right to log in
 * away and ends its sessions, {@link #restore()} gives it back. {@link #close()} drops what was
 * made. Not thread-safe.
 */
abstract class ChaosDatabase implements AutoCloseable {

    private static final String PG_URL = System.getenv().getOrDefault("HOMEOSTAT_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String PG_ADMIN = System.getenv().getOrDefault("HOMEOSTAT_TEST_PG_USER", "postgres");

    /** The store's configuration for this database; its spool under {@code dir}. */
    abstract StoreConfig config(Path dir);

    /** The database becomes unreachable for the store: open connections break, new ones fail. */
    abstract void cut();

    /** The database is reachable again. */
    abstract void restore();

    @Override
    public abstract void close();

    static ChaosDatabase h2(Path dir) {
        return new H2(dir);
    }

    static ChaosDatabase postgres() {
        return new Postgres();
    }

    private static final class H2 extends ChaosDatabase {
        private final Path dir;
        private final int port;
        private Server server;

        H2(Path dir) {
            this.dir = dir;
            this.server = start("0");
            this.port = server.getPort();
        }

        private Server start(String port) {
            try {
                return Server.createTcpServer("-tcpPort", port, "-ifNotExists", "-baseDir", dir.resolve("h2").toString())
                        .start();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start the H2 TCP server on port " + port, e);
            }
        }

        @Override
        StoreConfig config(Path spool) {
            return StoreConfig.defaults().withJdbc("jdbc:h2:tcp://127.0.0.1:" + port + "/chaos", "sa", "")
                    .withSpool(spool, 64L << 20).withConnectTimeout(Duration.ofMillis(250));
        }

        @Override
        void cut() {
            server.stop();
        }

        @Override
        void restore() {
            server = start(Integer.toString(port));
        }

        @Override
        public void close() {
            server.stop();
        }

        @Override
        public String toString() {
            return "H2 over TCP";
        }
    }

    private static final class Postgres extends ChaosDatabase {
        private final String role = ("chaos_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT);

        Postgres() {
            admin("CREATE ROLE " + role + " LOGIN", "GRANT CREATE ON DATABASE " + database() + " TO " + role);
        }

        private static String database() {
            String path = PG_URL.substring(PG_URL.lastIndexOf('/') + 1);
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }

        @Override
        StoreConfig config(Path spool) {
            return StoreConfig.defaults().withJdbc(PG_URL, role, "").withSchema(role).withSpool(spool, 64L << 20)
                    .withConnectTimeout(Duration.ofMillis(250));
        }

        @Override
        void cut() {
            admin("ALTER ROLE " + role + " NOLOGIN",
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
        }

        @Override
        void restore() {
            admin("ALTER ROLE " + role + " LOGIN");
        }

        @Override
        public void close() {
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'",
                    "DROP SCHEMA IF EXISTS " + role + " CASCADE", "DROP OWNED BY " + role + " CASCADE",
                    "DROP ROLE IF EXISTS " + role);
        }

        private static void admin(String... statements) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_ADMIN, "");
                    Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + PG_URL + " refused: " + String.join("; ", statements), e);
            }
        }

        @Override
        public String toString() {
            return "PostgreSQL";
        }
    }
}
