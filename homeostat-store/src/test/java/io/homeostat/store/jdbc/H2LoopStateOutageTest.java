package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same outage of the control loop's writes on H2 as a TCP server, the network to it cut. */
class H2LoopStateOutageTest {

    @TempDir
    Path directory;

    @Test
    void everyLoopStateWriteArrivesExactlyOnceAfterTheConnectionsAreCut() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", directory.toString()).start();
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", server.getPort())) {
            StoreConfig config = TestDatabases.h2(directory)
                    .withJdbc("jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/loopstate", "sa", "")
                    .withConnectTimeout(Duration.ofMillis(500));

            LoopStateStats stats = LoopStateOutageScenario.run(config, proxy);

            assertThat(stats.spooledWrites()).isPositive();
        } finally {
            server.stop();
        }
    }
}
