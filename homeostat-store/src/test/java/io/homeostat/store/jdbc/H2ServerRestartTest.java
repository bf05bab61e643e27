package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.IncidentQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.ErrorCode;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After the H2 TCP server restarts, the pool's connections to the old server are dead. HikariCP
 * checks a connection before lending it only when it sat idle for more than 0.5 s, and it does not
 * know H2's codes for a closed database, so without help a connection in steady use would fail
 * again and again: each must be evicted on its first failure.
 */
class H2ServerRestartTest {

    @TempDir
    Path directory;

    @Test
    void h2sClosedDatabaseCodesEvictTheConnection() {
        for (int code : new int[] {ErrorCode.DATABASE_IS_CLOSED, ErrorCode.CONNECTION_BROKEN_1}) {
            SQLException error = new SQLException("Database is already closed", Integer.toString(code), code);
            assertThat(BrokenConnections.INSTANCE.adjudicate(error)).as("code " + code)
                    .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
        }
        assertThat(BrokenConnections.INSTANCE.adjudicate(new SQLException("Unique index violation", "23505", 23505)))
                .isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
        assertThat(BrokenConnections.INSTANCE.adjudicate(new SQLNonTransientConnectionException("gone")))
                .isEqualTo(SQLExceptionOverride.Override.MUST_EVICT);
    }

    @Test
    void aBrokenPooledConnectionIsReplacedAtOnceNotLentAgain() throws Exception {
        Path base = directory.resolve("h2");
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", base.toString()).start();
        int port = server.getPort();
        StoreConfig config = TestDatabases.h2(directory).withJdbc("jdbc:h2:tcp://127.0.0.1:" + port + "/restart", "sa", "")
                .withConnectTimeout(Duration.ofMillis(500));
        try (JdbcStore store = JdbcStore.open(config, ManualClock.create().scheduler())) {
            int pooled = config.poolSize();
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < pooled; i++) {
                held.add(store.dataSource().getConnection());
            }
            for (Connection c : held) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                c.close(); // back to the pool, just used: lent again without a check for 0.5 s
            }

            server.stop();
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir",
                    base.toString()).start();

            int failures = 0;
            for (int attempt = 0; attempt < 3 * pooled; attempt++) {
                try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                } catch (SQLException e) {
                    failures++;
                }
            }
            assertThat(failures).as("each dead connection fails once, then is gone").isLessThanOrEqualTo(pooled);
            assertThat(store.incidents().list(IncidentQuery.all())).as("the store reads again").isEmpty();
        } finally {
            server.stop();
        }
    }
}
