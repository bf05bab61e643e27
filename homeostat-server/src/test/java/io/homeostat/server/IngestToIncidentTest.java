package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.incident.Incident;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop end to end over HTTP: an error rate above the default rule (5 %) ingested as a metric
 * sample is detected, opens an incident and fires an alert; the samples reach the store.
 */
class IngestToIncidentTest {

    @TempDir
    Path data;

    @Test
    void anIngestedErrorRateAboveTheRuleOpensAnIncidentAndFiresAnAlert() {
        try (RunningServer running = new RunningServer(data)) {
            String body = "{\"signals\":[{\"id\":\"e-1\",\"kind\":\"metric_sample\",\"service\":\"payments\","
                    + "\"metric\":\"error.rate\",\"value\":0.4,\"time\":\"2026-06-01T12:00:00Z\"}]}";
            assertThat(running.post("/api/v1/signals", running.operator, body).status()).isEqualTo(202);

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    running.get("/api/v1/incidents", running.viewer).json().path("incidents").size() == 1);
            JsonNode incident = running.get("/api/v1/incidents", running.viewer).json().path("incidents").get(0);
            assertThat(incident.path("services").get(0).asText()).isEqualTo("payments");
            assertThat(incident.path("status").asText()).isEqualTo("OPEN");
            assertThat(incident.path("severity").asText()).isEqualTo("HIGH");

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    running.get("/api/v1/alerts", running.viewer).json().path("alerts").size() == 1);
            JsonNode alert = running.get("/api/v1/alerts", running.viewer).json().path("alerts").get(0);
            assertThat(alert.path("labels").path("service").asText()).isEqualTo("payments");
            assertThat(alert.path("labels").path("incident").asText()).isEqualTo(incident.path("id").asText());

            int history = running.server.loop().store().alerts().incident(incident.path("id").asText()).size();
            assertThat(history).as("the alert's history is kept in the store").isPositive();
            assertThat(running.server.loop().store().stats().submittedRecords()).as("the sample and the alert's history")
                    .isEqualTo(1 + history);
        }
    }

    @Test
    void anErrorRateBelowTheRuleOpensNothing() {
        try (RunningServer running = new RunningServer(data)) {
            String body = "{\"signals\":[{\"id\":\"e-1\",\"kind\":\"metric_sample\",\"service\":\"payments\","
                    + "\"metric\":\"error.rate\",\"value\":0.01,\"time\":\"2026-06-01T12:00:00Z\"}]}";
            assertThat(running.post("/api/v1/signals", running.operator, body).status()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> running.server.loop().bus().delivered() >= 1);
            assertThat(running.get("/api/v1/incidents", running.viewer).json().path("incidents")).isEmpty();
        }
    }

    @Test
    void incidentsOutliveARestartBecauseTheyLiveInTheStore() {
        String id;
        try (RunningServer running = new RunningServer(data)) {
            String body = "{\"signals\":[{\"id\":\"e-1\",\"kind\":\"metric_sample\",\"service\":\"payments\","
                    + "\"metric\":\"error.rate\",\"value\":0.4,\"time\":\"2026-06-01T12:00:00Z\"}]}";
            assertThat(running.post("/api/v1/signals", running.operator, body).status()).isEqualTo(202);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    running.get("/api/v1/incidents", running.viewer).json().path("incidents").size() == 1);
            id = running.get("/api/v1/incidents", running.viewer).json().path("incidents").get(0).path("id").asText();
        }

        ServerConfig config = ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDirectory(data);
        try (HomeostatServer again = HomeostatServer.start(config, HomeostatServer.embeddedStore(config),
                ManualClock.at(RunningServer.START).scheduler())) {
            assertThat(again.loop().incidents().find(id)).hasValueSatisfying(incident ->
                    assertThat(incident.services()).containsExactly("payments"));
            assertThat(again.loop().tracker().active()).extracting(Incident::id).containsExactly(id);
        }
    }
}
