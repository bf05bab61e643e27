package io.homeostat.demo.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.homeostat.core.time.Clock;
import io.homeostat.core.time.ManualClock;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An upstream's fault controls, set over real HTTP on loopback and seen by a real HTTP client. */
class UpstreamFaultControlTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Upstream upstream;

    @AfterEach
    void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(upstream.uri().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(upstream.uri().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersUntilToldToFailThenFailsAsToldAndRecovers() throws Exception {
        upstream = Upstream.start("pharmaguard", Clock.system(), 1);
        assertThat(get("/v1/answer?key=p1").statusCode()).isEqualTo(200);
        assertThat(get("/v1/answer?key=p1").body()).contains("\"key\":\"p1\"", "\"confidence\":0.93");

        assertThat(post("/faults", "outage=true").statusCode()).isEqualTo(200);
        HttpResponse<String> down = get("/v1/answer?key=p1");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("pharmaguard is down");
        assertThat(get("/health").statusCode()).isEqualTo(503);

        post("/faults", "outage=false&errorRate=1");
        assertThat(get("/v1/answer?key=p1").statusCode()).isEqualTo(500);

        post("/faults/clear", "");
        assertThat(get("/v1/answer?key=p1").statusCode()).isEqualTo(200);
        assertThat(upstream.faults()).isEqualTo(FaultState.NONE);
        assertThat(upstream.failures()).isEqualTo(2);
    }

    @Test
    void addsLatencyToEveryAnswer() throws Exception {
        upstream = Upstream.start("care_locator", Clock.system(), 1);
        post("/faults", "latencyMs=400");
        long start = Clock.system().monotonicNanos();
        assertThat(get("/v1/answer?key=r1").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(Clock.system().monotonicNanos() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(upstream.faults().latency()).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void refusesConnectionsThenTakesThemAgainOnTheSamePort() throws Exception {
        upstream = Upstream.start("llm:openai", Clock.system(), 1);
        int port = upstream.port();

        upstream.update(f -> f.withRefusing(true));
        assertThatThrownBy(() -> get("/v1/answer?key=a")).isInstanceOf(ConnectException.class);

        upstream.update(f -> f.withRefusing(false));
        assertThat(upstream.port()).isEqualTo(port);
        assertThat(get("/v1/answer?key=a").statusCode()).isEqualTo(200);
    }

    @Test
    void badFaultControlsAreRefusedWithTheKeyNamed() throws Exception {
        upstream = Upstream.start("llm:openai", Clock.system(), 1);
        HttpResponse<String> unknown = post("/faults", "colour=red");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown fault 'colour'");
        HttpResponse<String> range = post("/faults", "errorRate=2");
        assertThat(range.statusCode()).isEqualTo(400);
        assertThat(range.body()).contains("errorRate must be in [0, 1]");
        assertThat(upstream.faults()).isEqualTo(FaultState.NONE);
    }

    @Test
    void flapsBetweenDownAndUpEachPeriod() throws Exception {
        ManualClock clock = ManualClock.create();
        upstream = Upstream.start("pharmaguard", clock, 1);
        post("/faults", "flapMs=2000");

        assertThat(get("/v1/answer?key=p").statusCode()).isEqualTo(503);
        clock.advance(Duration.ofMillis(2000));
        assertThat(get("/v1/answer?key=p").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMillis(2000));
        assertThat(get("/v1/answer?key=p").body()).contains("flapping");
    }

    @Test
    void leaksMemoryUntilItRunsOutAndARestartFreesIt() throws Exception {
        ManualClock clock = ManualClock.create();
        upstream = Upstream.start("xray_analysis", clock, 1);
        post("/faults", "leakMbPerSecond=20");

        clock.advance(Duration.ofSeconds(10));
        // 400 MB + 200 MB of 1 GB, read with a few MB of churn.
        assertThat(upstream.memoryRatio()).isCloseTo(600 / 1024.0, within(1e-9));
        assertThat(Double.parseDouble(get("/metrics").body().lines().findFirst().orElseThrow()
                .substring("memory.used.ratio ".length()))).isCloseTo(600 / 1024.0, within(0.02));
        clock.advance(Duration.ofSeconds(20));
        HttpResponse<String> oom = get("/v1/answer?key=s");
        assertThat(oom.statusCode()).isEqualTo(503);
        assertThat(oom.body()).contains("out of memory");

        upstream.restart();
        assertThat(upstream.memoryRatio()).isEqualTo(Upstream.MEMORY_BASE_MB / Upstream.MEMORY_LIMIT_MB);
        assertThat(get("/v1/answer?key=s").statusCode()).isEqualTo(200);
    }

    @Test
    void failsWithItsDependencyNamingIt() throws Exception {
        SimulatedDatabase db = new SimulatedDatabase("db:primary");
        upstream = Upstream.start("care_locator", Clock.system(), 1).dependsOn(db);

        db.down(true);
        HttpResponse<String> cascade = get("/v1/answer?key=r");
        assertThat(cascade.statusCode()).isEqualTo(502);
        assertThat(cascade.body()).contains("cannot reach its upstream db:primary");

        db.down(false);
        assertThat(get("/v1/answer?key=r").statusCode()).isEqualTo(200);
    }

    @Test
    void droppedDatabaseConnectionsFailUntilThePoolIsReset() {
        SimulatedDatabase db = new SimulatedDatabase("db:primary");
        db.insert("a");
        db.dropConnections();

        assertThatThrownBy(() -> db.insert("b")).hasMessageContaining("connection reset");
        assertThat(db.ping()).as("the database itself is up").isTrue();
        db.softEvict();
        db.insert("c");
        assertThat(db.rows()).containsExactly("a", "c");
    }
}
