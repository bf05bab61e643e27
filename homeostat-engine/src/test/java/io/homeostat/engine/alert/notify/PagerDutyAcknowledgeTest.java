package io.homeostat.engine.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Acknowledging an alert sends PagerDuty an {@code acknowledge} event on the dedup key it was triggered with, over real HTTP. */
class PagerDutyAcknowledgeTest {

    private final ManualClock clock = ManualClock.create();
    private final ChannelTransport transport = ChannelTransport.on(clock.scheduler()).withExecutor(Runnable::run);
    private final ObjectMapper json = new ObjectMapper();
    private final LoopbackReceiver receiver;
    private final PagerDutyChannel pager;
    private final Alerting alerting;

    PagerDutyAcknowledgeTest() throws Exception {
        receiver = new LoopbackReceiver();
        pager = PagerDutyChannel.of("pd", receiver.url("/v2/enqueue"), Secret.of("R0UT1NGKEY"), transport);
        alerting = Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("pager", pager))
                .route(Route.to("pager").build())
                .build();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Detection detection(String service) {
        return new Detection("d-" + service, "threshold", Detection.Kind.THRESHOLD, Detection.Status.FIRING,
                new SeriesKey(service, "error.rate"), "errors", "error.rate>5%", Severity.HIGH, 0.9, "error rate 12 %",
                Map.of(), clock.instant());
    }

    private List<JsonNode> events() throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (LoopbackReceiver.Request request : receiver.requests()) {
            events.add(json.readTree(request.body()));
        }
        return events;
    }

    @Test
    void anAcknowledgedAlertAcknowledgesItsPagerDutyIncidentOnceThenResolvesIt() throws Exception {
        alerting.observe(detection("checkout"), "inc-1");
        String id = Alert.of(detection("checkout"), "inc-1").fingerprint();
        clock.advance(Duration.ofMinutes(1));
        assertThat(events()).singleElement().satisfies(e -> assertThat(e.get("event_action").asText()).isEqualTo("trigger"));
        String dedupKey = events().get(0).get("dedup_key").asText();

        alerting.acknowledge(id, "alice");
        alerting.acknowledge(id, "alice");

        JsonNode ack = events().get(1);
        assertThat(events()).hasSize(2);
        assertThat(ack.get("event_action").asText()).isEqualTo("acknowledge");
        assertThat(ack.get("dedup_key").asText()).isEqualTo(dedupKey);
        assertThat(ack.get("routing_key").asText()).isEqualTo("R0UT1NGKEY");
        assertThat(ack.has("payload")).isFalse();

        alerting.resolve(id, "bob");
        clock.advance(Duration.ofMinutes(10));
        assertThat(events()).last().satisfies(e -> {
            assertThat(e.get("event_action").asText()).isEqualTo("resolve");
            assertThat(e.get("dedup_key").asText()).isEqualTo(dedupKey);
        });
        assertThat(pager.stats().delivered()).isEqualTo(3);
    }

    @Test
    void aGroupIsAcknowledgedOnlyOnceEveryAlertShownInItIs() throws Exception {
        Alerting bySeverity = Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("pager", pager))
                .route(Route.to("pager").groupBy("severity").build())
                .build();
        bySeverity.observe(detection("checkout"), "");
        bySeverity.observe(detection("payments"), "");
        clock.advance(Duration.ofMinutes(1));
        assertThat(events()).singleElement().satisfies(e -> assertThat(e.get("event_action").asText()).isEqualTo("trigger"));

        bySeverity.acknowledge(Alert.of(detection("checkout"), "").fingerprint(), "alice");
        assertThat(events()).hasSize(1); // payments still pages

        bySeverity.acknowledge(Alert.of(detection("payments"), "").fingerprint(), "bob");
        assertThat(events()).hasSize(2);
        assertThat(events().get(1).get("event_action").asText()).isEqualTo("acknowledge");
        assertThat(events().get(1).get("dedup_key").asText()).isEqualTo(events().get(0).get("dedup_key").asText());
    }
}
