package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.StoreRefusedException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that answers and refuses an incident (a service name longer than its column) says
 * so with a {@link StoreRefusedException}, not as an outage: the tracker drops such a write
 * instead of queueing every later one behind it. The store stays usable.
 */
class IncidentRefusalTest {

    @TempDir
    Path directory;

    @Test
    void h2RefusesAnIncidentItCannotHoldAndKeepsTakingOthers() {
        try (JdbcStore store = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler())) {
            assertRefusedAndStillUsable(store);
        }
    }

    @Test
    void postgresRefusesAnIncidentItCannotHoldAndKeepsTakingOthers() {
        String schema = TestDatabases.newSchemaName("refusal");
        try (JdbcStore store = JdbcStore.open(TestDatabases.postgres(schema, directory), ManualClock.create().scheduler())) {
            assertRefusedAndStillUsable(store);
        } finally {
            TestDatabases.dropPostgresSchema(schema);
        }
    }

    private static void assertRefusedAndStillUsable(JdbcStore store) {
        Incident tooLong = incident("s".repeat(201));
        assertThatThrownBy(() -> store.incidents().save(tooLong)).isInstanceOf(StoreRefusedException.class);

        Incident fine = incident("orders");
        store.incidents().save(fine);
        assertThat(store.incidents().find(fine.id())).contains(fine);
        assertThat(store.incidents().find(tooLong.id())).isEmpty();
        assertThat(store.loopStateStats().pendingWrites()).as("nothing was spooled as if the database were away").isZero();
    }

    private static Incident incident(String service) {
        Instant opened = Instant.parse("2026-06-01T12:00:00Z");
        return Incident.builder().id(UUID.randomUUID().toString()).fingerprint(service + "|errors|rate")
                .title("errors on " + service).addService(service).severity(Severity.HIGH)
                .openedAt(opened).updatedAt(opened).detectionCount(1).build();
    }
}
