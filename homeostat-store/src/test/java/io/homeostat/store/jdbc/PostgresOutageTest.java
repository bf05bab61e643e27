package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network to PostgreSQL goes away in the middle of 10,000 writes, and comes back. */
class PostgresOutageTest {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("outage");

    @AfterEach
    void dropSchema() {
        TestDatabases.dropPostgresSchema(schema);
    }

    @Test
    void everyRecordArrivesExactlyOnceAfterTheConnectionsAreCut() throws Exception {
        URI pg = TestDatabases.postgresAddress();
        try (TcpProxy proxy = new TcpProxy(pg.getHost(), pg.getPort() < 0 ? 5432 : pg.getPort())) {
            StoreConfig config = TestDatabases.postgres(schema, spool)
                    .withJdbc(TestDatabases.postgresUrlThrough(proxy.port()), TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)
                    .withConnectTimeout(Duration.ofMillis(500));

            WriterStats stats = OutageScenario.run(config, proxy);

            assertThat(proxy.acceptedConnections()).as("connections were refused during the cut and made again after")
                    .isGreaterThan(config.poolSize());
            assertThat(stats.spooledRecords()).isGreaterThanOrEqualTo(1_000);
        }
    }
}
