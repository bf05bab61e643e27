package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same outage for H2, where it can happen: H2 as a TCP server (several processes sharing one
 * H2 database), the network to it cut in the middle of 10,000 writes. The embedded file database
 * has no network to lose.
 */
class H2OutageTest {

    @TempDir
    Path directory;

    @Test
    void everyRecordArrivesExactlyOnceAfterTheConnectionsAreCut() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", directory.toString()).start();
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", server.getPort())) {
            StoreConfig config = TestDatabases.h2(directory)
                    .withJdbc("jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/outage", "sa", "")
                    .withConnectTimeout(Duration.ofMillis(500));

            WriterStats stats = OutageScenario.run(config, proxy);

            assertThat(stats.spooledRecords()).isGreaterThanOrEqualTo(1_000);
        } finally {
            server.stop();
        }
    }

}
