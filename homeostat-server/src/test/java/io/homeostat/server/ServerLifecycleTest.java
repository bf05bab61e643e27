package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.store.jdbc.JdbcStore;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLifecycleTest {

    @TempDir
    Path data;

    @Test
    void answersHealthOnLoopbackAndPrintsTheAdminTokenOnlyOnTheFirstStart() throws Exception {
        try (RunningServer running = new RunningServer(data)) {
            RunningServer.Answer health = running.get("/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("up");
            assertThat(running.server.ready()).isTrue();
            assertThat(running.server.loop().store().apiTokens().all()).filteredOn(row -> row.name().equals("admin"))
                    .singleElement().satisfies(row -> {
                        assertThat(row.role()).isEqualTo("admin");
                        assertThat(row.hash()).hasSize(64).doesNotContain(running.admin);
                    });
        }
        ServerConfig config = ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDirectory(data);
        try (HomeostatServer again = HomeostatServer.start(config, HomeostatServer.embeddedStore(config), ManualClock.create().scheduler())) {
            assertThat(again.firstAdminToken()).isEmpty();
            assertThat(again.tokens().list()).extracting(p -> p.name()).containsExactly("admin", "ops", "watcher");
        }
    }

    @Test
    void closingStopsHttpAndFlushesTheStore() {
        int port;
        String adminToken;
        try (RunningServer running = new RunningServer(data)) {
            port = running.server.port();
            adminToken = running.admin;
            RunningServer.Answer created = running.post("/api/v1/tokens", running.admin, "{\"name\":\"ci\",\"role\":\"viewer\"}");
            assertThat(created.status()).isEqualTo(201);
        }
        // The audit record of the token creation was only queued; close() must have written it.
        try (JdbcStore store = JdbcStore.open(HomeostatServer.embeddedStore(
                ServerConfig.defaults().withDataDirectory(data)), ManualClock.create().scheduler())) {
            List<AuditRecord> records = store.auditLog().query(AuditQuery.between(RunningServer.START.minusSeconds(60),
                    RunningServer.START.plus(Duration.ofMinutes(1))));
            assertThat(records).extracting(AuditRecord::action, AuditRecord::actor, AuditRecord::target)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("api.token.create", "token:admin", "token:ci"));
        }
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        assertThatThrownBy(() -> client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/health")).header("Authorization", "Bearer " + adminToken).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void healthAnswers503NamingTheFailingCheckWhenTheBusIsClosed() {
        try (RunningServer running = new RunningServer(data)) {
            running.server.loop().bus().close();
            RunningServer.Answer health = running.get("/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("status").asText()).isEqualTo("down");
            assertThat(health.json().path("checks").path("bus").asText()).isEqualTo("closed");
            assertThat(health.json().path("checks").path("store").asText()).isEqualTo("up");
        }
    }

    @Test
    void aStartThatFailsLeavesNoUnseenAdminToken() {
        try (RunningServer running = new RunningServer(data.resolve("first"))) {
            ServerConfig taken = ServerConfig.defaults().withAddress("127.0.0.1", running.server.port())
                    .withDataDirectory(data.resolve("second"));
            assertThatThrownBy(() -> HomeostatServer.start(taken, HomeostatServer.embeddedStore(taken), ManualClock.create().scheduler()))
                    .isInstanceOf(RuntimeException.class);
        }
        try (JdbcStore store = JdbcStore.open(HomeostatServer.embeddedStore(ServerConfig.defaults()
                .withDataDirectory(data.resolve("second"))), ManualClock.create().scheduler())) {
            assertThat(store.apiTokens().all()).as("no token made by the start that failed").isEmpty();
        }
        ServerConfig free = ServerConfig.defaults().withAddress("127.0.0.1", 0).withDataDirectory(data.resolve("second"));
        try (HomeostatServer retried = HomeostatServer.start(free, HomeostatServer.embeddedStore(free), ManualClock.create().scheduler())) {
            assertThat(retried.firstAdminToken()).isPresent();
        }
    }

    @Test
    void refusesAPortOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> ServerConfig.defaults().withAddress("127.0.0.1", 70_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
    }

    @Test
    void bindsToLoopbackUnlessToldOtherwise() {
        assertThat(ServerConfig.defaults().host()).isEqualTo("127.0.0.1");
        assertThat(ServerConfig.defaults().port()).isEqualTo(8080);
    }
}
