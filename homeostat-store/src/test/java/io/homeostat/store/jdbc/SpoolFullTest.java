package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.StoreUnavailableException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What happens when the database stays away longer than the spool can hold, or is not there at all. */
class SpoolFullTest {

    @TempDir
    Path directory;

    @Test
    void aFullSpoolCountsEveryDroppedRecordAndSaysSoBeforeItIsFull() {
        Server server;
        try {
            server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", directory.toString()).start();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        StoreConfig config = TestDatabases.h2(directory)
                .withJdbc("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/full", "sa", "")
                .withSpool(directory.resolve("spool"), 1 << 20)
                .withConnectTimeout(Duration.ofMillis(250));
        try (JdbcStore store = JdbcStore.open(config, Scheduler.system())) {
            server.stop(); // the database is gone for good
            Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
            for (int i = 0; i < 20_000; i++) {
                store.write(new MetricSample("db:primary", "latency.p95", i, t0.plusMillis(i), Map.of()));
            }
            assertThatThrownBy(store::flush).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("spool is full");
            store.flush(); // nothing dropped since: the drops were reported once

            WriterStats stats = store.stats();
            assertThat(stats.spool().nearFull()).isTrue();
            assertThat(stats.spool().refusedEntries()).isPositive();
            assertThat(stats.droppedRecords()).isPositive();
            assertThat(stats.spooledRecords() + stats.droppedRecords() + stats.writtenRecords())
                    .as("every record is accounted for").isEqualTo(20_000);
            assertThat(stats.writtenRecords()).isZero();
        }
    }

    @Test
    void openingWithoutADatabaseSaysWhichOne() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StoreConfig config = TestDatabases.postgres("nowhere", directory)
                .withJdbc("jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres", "postgres", "")
                .withConnectTimeout(Duration.ofMillis(250));

        assertThatThrownBy(() -> JdbcStore.open(config, Scheduler.system()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }
}
