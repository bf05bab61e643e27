package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API while its PostgreSQL is away (a relay that resets every connection): a read of what only
 * the database holds answers 503 with {@code Retry-After}, saying why, instead of a 500 naming a
 * Java class; the overview still answers with what the server holds in memory; and everything
 * answers again once the database is back.
 */
class DatabaseOutageApiTest {

    @TempDir
    Path data;

    @Test
    void readsOfTheDatabaseAnswer503WhileItIsAwayAndTheOverviewStillAnswers() throws Exception {
        try (PostgresBehindRelay database = new PostgresBehindRelay();
                RunningServer running = new RunningServer(data, database.store(data))) {
            assertThat(running.get("/api/v1/incidents", running.viewer).status()).isEqualTo(200);

            database.relay.cut();

            for (String path : new String[] {"/api/v1/incidents", "/api/v1/recovery/history", "/api/v1/audit"}) {
                RunningServer.Answer answer = running.get(path, running.viewer);
                assertThat(answer.status()).as(path).isEqualTo(503);
                assertThat(answer.header("Retry-After")).as(path).isEqualTo("5");
                assertThat(answer.json().path("error").asText()).as(path)
                        .startsWith("the database does not answer").doesNotContain("Exception");
            }
            RunningServer.Answer overview = running.get("/api/v1/overview", running.viewer);
            assertThat(overview.status()).isEqualTo(200);
            assertThat(overview.json().path("activeIncidents").asInt(-1)).isZero();
            assertThat(overview.json().path("recovery").path("activeRuns").isNull()).isTrue();
            assertThat(overview.json().path("recovery").path("unavailable").asText())
                    .startsWith("the database does not answer");
            assertThat(overview.json().path("recovery").path("mode").asText()).isEqualTo("FULL");

            database.relay.restore();
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> running.get("/api/v1/incidents", running.viewer).status() == 200);
            assertThat(running.get("/api/v1/overview", running.viewer).json().path("recovery").path("activeRuns").asInt(-1))
                    .isZero();
        }
    }
}
