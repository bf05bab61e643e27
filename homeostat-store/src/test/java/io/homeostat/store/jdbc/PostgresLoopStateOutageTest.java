package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network to PostgreSQL goes away while the control loop writes its state, and comes back. */
class PostgresLoopStateOutageTest {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("loopstate");

    @AfterEach
    void dropSchema() {
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void everyLoopStateWriteArrivesExactlyOnceAfterTheConnectionsAreCut() throws Exception {
        URI pg = TestDatabases.postgresAddress();
        try (TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort() < 0 ? 5432 : pg.getPort())) {
            StoreConfig config = TestDatabases.postgres(schema, spool)
                    .withJdbc(TestDatabases.postgresUrlThrough(proxy.port()), TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)
                    .withConnectTimeout(Duration.ofMillis(500));

            LoopStateStats stats = LoopStateOutageScenario.run(config, proxy);

            assertThat(stats.spooledWrites()).isPositive();
        }
    }
}
