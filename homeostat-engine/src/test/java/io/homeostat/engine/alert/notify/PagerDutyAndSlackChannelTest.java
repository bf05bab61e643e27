package io.homeostat.engine.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.time.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PagerDutyAndSlackChannelTest {

    private final ManualClock clock = ManualClock.create();
    private final ChannelTransport transport = ChannelTransport.on(clock.scheduler()).withExecutor(Runnable::run);
    private final ObjectMapper json = new ObjectMapper();
    private final LoopbackReceiver receiver;

    PagerDutyAndSlackChannelTest() throws Exception {
        receiver = new LoopbackReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void pagerDutyTriggersWithTheEventsV2PayloadThenResolvesTheSameDedupKey() throws Exception {
        Secret routingKey = Secret.of("R0UT1NGKEY");
        PagerDutyChannel channel = PagerDutyChannel.of("pd", receiver.url("/v2/enqueue"), routingKey, transport);
        channel.send(Notifications.escalation());
        channel.send(Notifications.resolved());

        JsonNode trigger = json.readTree(receiver.requests().get(0).body());
        assertThat(receiver.requests().get(0).path()).isEqualTo("/v2/enqueue");
        assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UT1NGKEY");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("inc-1");
        JsonNode payload = trigger.get("payload");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("source").asText()).isEqualTo("db:primary");
        assertThat(payload.get("summary").asText()).contains("ESCALATION").contains("error rate 12 %");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(payload.get("group").asText()).isEqualTo("inc-1");
        assertThat(payload.get("custom_details").get("onCall").asText()).isEqualTo("alice");

        JsonNode resolve = json.readTree(receiver.requests().get(1).body());
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(channel.stats().delivered()).isEqualTo(2);
        assertThat(channel.toString()).doesNotContain("R0UT1NGKEY");
    }

    @Test
    void pagerDutyFailuresAreDeadLetteredWithoutTheRoutingKey() {
        receiver.answerAlways(429);
        PagerDutyChannel channel = PagerDutyChannel.of("pd", receiver.url("/v2/enqueue"), Secret.of("R0UT1NGKEY"),
                transport.withRetry(new RetryPolicy(1, java.time.Duration.ofSeconds(1), 1, java.time.Duration.ofSeconds(1))));
        channel.send(Notifications.firing());
        assertThat(channel.stats().deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.payload()).doesNotContain("R0UT1NGKEY").contains("FIRING"));
    }

    @Test
    void slackGetsAnIncomingWebhookPayload() throws Exception {
        SlackChannel channel = SlackChannel.of("slack", Secret.of(receiver.url("/services/T0/B0/XYZ").toString()),
                transport);
        channel.send(Notifications.firing());

        JsonNode body = json.readTree(receiver.requests().get(0).body());
        assertThat(body.get("text").asText()).isEqualTo("[FIRING:1] service=db:primary");
        JsonNode section = body.get("blocks").get(0);
        assertThat(section.get("type").asText()).isEqualTo("section");
        assertThat(section.get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.get("text").get("text").asText()).contains("error rate 12 % on db:primary (db:primary, critical)");
        assertThat(channel.toString()).doesNotContain("XYZ");
    }

    @Test
    void slackIsToldWhoAcknowledged() throws Exception {
        SlackChannel channel = SlackChannel.of("slack", Secret.of(receiver.url("/services/T0/B0/XYZ").toString()),
                transport);
        channel.acknowledge(Notifications.acknowledged());

        JsonNode body = json.readTree(receiver.requests().get(0).body());
        assertThat(body.get("text").asText()).isEqualTo("[ACK] [FIRING:1] service=db:primary (acknowledged by alice)");
        assertThat(channel.stats().delivered()).isEqualTo(1);
    }
}
