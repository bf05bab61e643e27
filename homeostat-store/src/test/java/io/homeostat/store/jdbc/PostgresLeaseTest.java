package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.time.ManualClock;
import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.contract.LeaseContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease on PostgreSQL; each replica opens a store (its own pool) on the same schema. Expiry
 * follows the database's clock, so time passes for real here, as for the Redis lease.
 */
class PostgresLeaseTest extends LeaseContract {

    @TempDir
    Path spool;

    private final String schema = TestDatabases.newSchemaName("lease");
    private final List<JdbcStore> replicas = new ArrayList<>();

    @Override
    protected Lease newReplica() {
        JdbcStore store = JdbcStore.open(TestDatabases.postgres(schema, spool.resolve("r" + replicas.size()))
                .withPoolSize(2), Scheduler.system());
        replicas.add(store);
        return store.lease("planner", ttl());
    }

    @Override
    protected Duration ttl() {
        return Duration.ofMillis(1000);
    }

    @Override
    protected void letTimePass(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    @AfterEach
    void close() {
        try {
            replicas.forEach(JdbcStore::close);
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    @Test
    void theEmbeddedH2StoreHasNoLease(@TempDir Path directory) {
        try (JdbcStore h2 = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler())) {
            assertThatThrownBy(() -> h2.lease("planner", ttl())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PostgreSQL");
        }
    }
}
