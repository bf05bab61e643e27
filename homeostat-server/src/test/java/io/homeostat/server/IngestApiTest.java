package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IngestApiTest {

    private static final String SIGNALS = "/api/v1/signals";

    @RegisterExtension
    final RunningServer running = RunningServer.perTest(
            config -> config.withIngestLimits(4096, 5, Duration.ofMinutes(5)));

    private static String sample(String id, String value) {
        return "{\"id\":\"" + id + "\",\"kind\":\"metric_sample\",\"service\":\"db:primary\",\"metric\":\"pool.active\","
                + "\"value\":" + value + ",\"time\":\"2026-06-01T11:59:00Z\",\"tags\":{\"region\":\"eu\"}}";
    }

    private static String batch(String... signals) {
        return "{\"signals\":[" + String.join(",", signals) + "]}";
    }

    private RunningServer.Answer ingest(String body) {
        return running.post(SIGNALS, running.operator, body);
    }

    private long published() {
        return running.server.loop().bus().published();
    }

    private void assertRejected(String body, int status, String field) {
        long before = published();
        RunningServer.Answer answer = ingest(body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().path("field").asText()).as(answer.text()).isEqualTo(field);
        assertThat(published()).as("a rejected batch publishes nothing").isEqualTo(before);
    }

    @Test
    void acceptsABatchAndPublishesEverySignal() {
        RunningServer.Answer answer = ingest(batch(sample("s-1", "3.0"), sample("s-2", "4.5")));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("accepted").asInt()).isEqualTo(2);
        assertThat(published()).isEqualTo(2);
        RunningServer.Answer overview = running.get("/api/v1/overview", running.viewer);
        assertThat(overview.json().path("ingest").path("accepted").asLong()).isEqualTo(2);
    }

    @Test
    void theReadmesExampleBatchIsTaken() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        int start = readme.indexOf("/api/v1/signals -d '") + "/api/v1/signals -d '".length();
        String body = readme.substring(start, readme.indexOf("'", start))
                .replace("2026-12-03T10:00:00Z", "2026-06-01T11:59:00Z"); // the example's time, by the test's clock

        RunningServer.Answer answer = ingest(body);

        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        assertThat(answer.json().path("accepted").asInt()).isEqualTo(2);
    }

    @Test
    void ignoresSignalsWhoseIdWasSeenInThisOrAnEarlierBatch() {
        ingest(batch(sample("s-1", "3.0")));
        RunningServer.Answer again = ingest(batch(sample("s-1", "3.0"), sample("s-2", "1.0"), sample("s-2", "1.0")));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("accepted").asInt()).isEqualTo(1);
        assertThat(again.json().path("duplicates").asInt()).isEqualTo(2);
        assertThat(published()).isEqualTo(2);
    }

    @Test
    void aBatchWithOneBadSignalIsRefusedWholeAndLeavesItsGoodIdsUnseen() {
        assertRejected(batch(sample("good-1", "3.0"), sample("bad-1", "\"high\"")), 400, "signals[1].value");
        RunningServer.Answer resent = ingest(batch(sample("good-1", "3.0")));
        assertThat(resent.json().path("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void malformedJsonIsRefusedWithItsPosition() {
        long before = published();
        RunningServer.Answer answer = ingest("{\"signals\":[" + sample("s-1", "3.0"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).isEqualTo("$");
        assertThat(answer.json().path("error").asText()).contains("malformed JSON", "line 1");
        assertThat(published()).isEqualTo(before);
    }

    @Test
    void aDuplicateKeyRefusesTheBatch() {
        assertRejected(batch(sample("s-1", "1.0").replace("\"value\":1.0", "\"value\":1.0,\"value\":2.0")), 400, "$");
        assertThat(ingest(batch(sample("s-1", "1.0").replace("\"value\":1.0", "\"value\":1.0,\"value\":2.0"))).text())
                .contains("Duplicate field 'value'");
    }

    @Test
    void wrongTypesNamesTheField() {
        assertRejected(batch(sample("s-1", "\"3.0\"")), 400, "signals[0].value");
        assertRejected("{\"signals\":{}}", 400, "signals");
        assertRejected("[" + sample("s-1", "3.0") + "]", 400, "$");
        assertRejected(batch("42"), 400, "signals[0]");
    }

    @Test
    void nanAndInfinityAreRefusedNamingTheField() {
        assertRejected(batch(sample("s-1", "NaN")), 400, "signals[0].value");
        assertRejected(batch(sample("s-1", "Infinity")), 400, "signals[0].value");
        assertRejected(batch(sample("s-1", "-Infinity")), 400, "signals[0].value");
        assertRejected(batch(sample("s-1", "1e999")), 400, "signals[0].value");
    }

    @Test
    void missingFieldsAreNamed() {
        assertRejected(batch(sample("s-1", "3.0").replace("\"metric\":\"pool.active\",", "")), 400, "signals[0].metric");
        assertRejected(batch(sample("s-1", "3.0").replace("\"id\":\"s-1\",", "")), 400, "signals[0].id");
        assertRejected("{}", 400, "signals");
        assertRejected(batch(sample("s 1", "3.0")), 400, "signals[0].id");
    }

    @Test
    void unknownKindsAndFieldsAreRefused() {
        assertRejected(batch(sample("s-1", "3.0").replace("metric_sample", "metric_sampel")), 400, "signals[0].kind");
        assertRejected(batch(sample("s-1", "3.0").replace("\"metric\"", "\"colour\":\"red\",\"metric\"")), 400,
                "signals[0].colour");
        assertRejected("{\"signals\":[],\"extra\":1}", 400, "extra");
    }

    @Test
    void timestampsFarInTheFutureAreRefused() {
        String future = sample("s-1", "3.0").replace("2026-06-01T11:59:00Z", "2026-06-01T12:06:00Z");
        assertRejected(batch(future), 422, "signals[0].time");
        String nearFuture = sample("s-2", "3.0").replace("2026-06-01T11:59:00Z", "2026-06-01T12:04:00Z");
        assertThat(ingest(batch(nearFuture)).status()).isEqualTo(202);
    }

    @Test
    void oversizedBodiesAndBatchesGet413() {
        long before = published();
        byte[] big = batch(sample("s-1", "3.0"), "\"" + "x".repeat(5000) + "\"").getBytes(StandardCharsets.UTF_8);
        RunningServer.Answer answer = running.postBytes(SIGNALS, running.operator, big);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(published()).isEqualTo(before);
        String six = batch(sample("a", "1"), sample("b", "1"), sample("c", "1"), sample("d", "1"), sample("e", "1"),
                sample("f", "1"));
        assertRejected(six, 413, "signals");
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertRejected("", 400, "$");
    }
}
