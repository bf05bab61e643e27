package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.alert.Alerting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API while its PostgreSQL is away (a relay that resets every connection): a read of what only
 * the database holds answers 503 with {@code Retry-After}, saying why, instead of a 500 naming a
 * Java class; the overview still answers with what the server holds in memory; the loop opens
 * incidents without waiting for it at each; and everything answers again, and the alert history
 * written meanwhile is in the database, once it is back. Then a database that stops answering
 * (the relay passes nothing on): the loop opens incidents and fires their alerts all the same, an
 * acknowledgement and the overview answer, the writes of the alerts' state wait on a thread of
 * their own, and reach it once it answers.
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
            // The API tokens are kept there too: neither made nor revoked while it is away, and saying so.
            RunningServer.Answer made = running.post("/api/v1/tokens", running.admin, "{\"name\":\"late\",\"role\":\"viewer\"}");
            RunningServer.Answer revoked = running.delete("/api/v1/tokens/watcher", running.admin);
            for (RunningServer.Answer answer : List.of(made, revoked)) {
                assertThat(answer.status()).as(answer.text()).isEqualTo(503);
                assertThat(answer.json().path("error").asText()).startsWith("the database does not answer, so this could not be done now");
            }
            assertThat(running.get("/api/v1/tokens", running.admin).json().path("tokens").findValuesAsText("name"))
                    .containsExactly("admin", "ops", "watcher");
            RunningServer.Answer overview = running.get("/api/v1/overview", running.viewer);
            assertThat(overview.status()).as("the watcher's token still works").isEqualTo(200);
            assertThat(overview.json().path("activeIncidents").asInt(-1)).isZero();
            assertThat(overview.json().path("recovery").path("activeRuns").isNull()).isTrue();
            assertThat(overview.json().path("recovery").path("unavailable").asText())
                    .startsWith("the database does not answer");
            assertThat(overview.json().path("recovery").path("mode").asText()).isEqualTo("FULL");

            // New incidents while it is away: the loop does not wait for the database at each of them (the
            // alert history went to it directly, two seconds of connect timeout per event, on the bus's thread).
            assertThat(running.post("/api/v1/signals", running.operator, tenBreachingServices("outage")).status())
                    .isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(12))
                    .until(() -> running.server.loop().tracker().active().size() == 10);

            database.relay.restore();
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> running.get("/api/v1/incidents", running.viewer).status() == 200);
            assertThat(running.get("/api/v1/overview", running.viewer).json().path("recovery").has("unavailable")).isFalse();
            // What the loop wrote meanwhile reached the database: the alert history of each incident.
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> running.server.loop().tracker().active().stream()
                    .allMatch(incident -> !running.server.loop().store().alerts().incident(incident.id()).isEmpty()));
        }
    }

    @Test
    void aDatabaseThatStopsAnsweringHoldsNeitherTheAlertsOfNewIncidentsNorAnAcknowledgement() throws Exception {
        try (PostgresBehindRelay database = new PostgresBehindRelay();
                RunningServer running = new RunningServer(data, database.store(data))) {
            assertThat(running.get("/api/v1/incidents", running.viewer).status()).isEqualTo(200);

            database.relay.hold();

            assertThat(running.post("/api/v1/signals", running.operator, tenBreachingServices("hang")).status())
                    .isEqualTo(202);
            // Each incident's alert fires on the thread that opened it; its stored state is written elsewhere.
            Awaitility.await().atMost(Duration.ofSeconds(12))
                    .until(() -> running.server.loop().alerting().alerts().size() == 10);
            String fingerprint = running.server.loop().alerting().alerts().getFirst().fingerprint();
            RunningServer.Answer ack = running.post("/api/v1/alerts/" + fingerprint + "/ack", running.operator,
                    "{\"reason\":\"on it\"}");
            assertThat(ack.status()).as(ack.text()).isEqualTo(200);
            RunningServer.Answer overview = running.get("/api/v1/overview", running.viewer);
            assertThat(overview.status()).isEqualTo(200);
            assertThat(overview.json().path("activeIncidents").asInt(-1)).isEqualTo(10);

            database.relay.release();
            // A write given up meanwhile is tried again a retry later (at most ten retries: 100 s of the
            // server's clock, well within the incidents' hold period, so they stay open).
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                running.clock.advance(Alerting.STORE_RETRY);
                assertThat(running.server.loop().store().activeAlerts().all()).hasSize(10);
            });
            assertThat(running.server.loop().store().activeAlerts().all())
                    .filteredOn(alert -> alert.fingerprint().equals(fingerprint))
                    .singleElement().satisfies(alert -> assertThat(alert.acknowledged()).isTrue());
        }
    }

    /** A batch breaching the default error-rate rule on ten services, {@code svc-0} to {@code svc-9}: ten incidents. */
    private static String tenBreachingServices(String idPrefix) {
        StringBuilder signals = new StringBuilder("{\"signals\":[");
        for (int i = 0; i < 10; i++) {
            signals.append(i == 0 ? "" : ",").append("{\"id\":\"").append(idPrefix).append('-').append(i)
                    .append("\",\"kind\":\"metric_sample\",\"service\":\"svc-").append(i)
                    .append("\",\"metric\":\"error.rate\",\"value\":0.5,\"time\":\"")
                    .append(RunningServer.START).append("\"}");
        }
        return signals.append("]}").toString();
    }
}
