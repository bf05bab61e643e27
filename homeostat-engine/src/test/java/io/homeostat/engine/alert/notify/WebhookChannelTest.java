package io.homeostat.engine.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.time.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookChannelTest {

    private static final String KEY = "hook-key-7f3a";

    private final ManualClock clock = ManualClock.create();
    private final ChannelTransport transport = ChannelTransport.on(clock.scheduler()).withExecutor(Runnable::run);
    private final LoopbackReceiver receiver;

    WebhookChannelTest() throws Exception {
        receiver = new LoopbackReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookChannel channel(ChannelTransport t) {
        return WebhookChannel.of("ops-hook", receiver.url("/hook"), Secret.of(KEY), t);
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void postsJsonSignedWithHmacSha256() throws Exception {
        channel(transport).send(Notifications.firing());

        LoopbackReceiver.Request request = receiver.requests().get(0);
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header(WebhookChannel.SIGNATURE_HEADER)).isEqualTo(hmac(request.body()));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.get("status").asText()).isEqualTo("firing");
        assertThat(body.get("receiver").asText()).isEqualTo("ops");
        assertThat(body.get("alerts").get(0).get("labels").get("service").asText()).isEqualTo("db:primary");
        assertThat(body.get("alerts").get(0).get("summary").asText()).isEqualTo("error rate 12 % on db:primary");
    }

    @Test
    void anAcknowledgementIsPostedSignedWithItsStatusAndWho() throws Exception {
        channel(transport).acknowledge(Notifications.acknowledged());

        LoopbackReceiver.Request request = receiver.requests().get(0);
        assertThat(request.header(WebhookChannel.SIGNATURE_HEADER)).isEqualTo(hmac(request.body()));
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(body.get("status").asText()).isEqualTo("acknowledged");
        assertThat(body.get("reason").asText()).isEqualTo("acknowledged by alice");
        assertThat(body.get("key").asText()).isEqualTo("r{service=db:primary}");
    }

    @Test
    void retriesWithBackoffOnTheInjectedSchedulerUntilDelivered() {
        receiver.answer(500, 502);
        WebhookChannel channel = channel(transport);
        channel.send(Notifications.firing());
        assertThat(receiver.requests()).hasSize(1);
        assertThat(channel.stats().pending()).isEqualTo(1);

        clock.advance(Duration.ofMillis(999));
        assertThat(receiver.requests()).hasSize(1);
        clock.advance(Duration.ofMillis(1)); // 1 s after the first failure
        assertThat(receiver.requests()).hasSize(2);
        clock.advance(Duration.ofMillis(1999));
        assertThat(receiver.requests()).hasSize(2);
        clock.advance(Duration.ofMillis(1)); // 2 s after the second
        assertThat(receiver.requests()).hasSize(3);

        DeliveryStats stats = channel.stats();
        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.failedAttempts()).isEqualTo(2);
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(stats.pending()).isZero();
        assertThat(stats.deadLettered()).isZero();
    }

    @Test
    void deadLettersAfterTheLastAttemptAndKeepsThePayloadWithoutTheSecret() {
        receiver.answerAlways(503);
        WebhookChannel channel = channel(transport.withRetry(
                new RetryPolicy(3, Duration.ofSeconds(1), 2, Duration.ofMinutes(1))));
        channel.send(Notifications.firing());
        clock.advance(Duration.ofMinutes(5));

        assertThat(receiver.requests()).hasSize(3);
        DeliveryStats stats = channel.stats();
        assertThat(stats.deadLettered()).isEqualTo(1);
        assertThat(stats.delivered()).isZero();
        DeadLetter letter = stats.deadLetters().get(0);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.lastError()).contains("HTTP 503");
        assertThat(letter.channel()).isEqualTo("ops-hook");
        assertThat(letter.payload()).contains("db:primary").doesNotContain(KEY);
        assertThat(letter.time()).isEqualTo(clock.instant().minus(Duration.ofMinutes(5)).plusSeconds(3));
    }

    @Test
    void anUnreachableReceiverIsRetriedLikeAFailingOne() {
        receiver.close();
        WebhookChannel channel = channel(transport.withRetry(
                new RetryPolicy(2, Duration.ofSeconds(1), 2, Duration.ofSeconds(1))));
        channel.send(Notifications.firing());
        clock.advance(Duration.ofSeconds(1));

        assertThat(channel.stats().failedAttempts()).isEqualTo(2);
        assertThat(channel.stats().deadLettered()).isEqualTo(1);
    }

    @Test
    void secretsNeverShowInToStringAndComeFromTheEnvironment() {
        assertThat(channel(transport).toString()).doesNotContain(KEY);
        assertThat(Secret.of(KEY).toString()).isEqualTo("****");
        assertThat(Secret.fromEnvironment("HOOK_KEY", Map.of("HOOK_KEY", KEY)).reveal()).isEqualTo(KEY);
        assertThatThrownBy(() -> Secret.fromEnvironment("HOOK_KEY", Map.of()))
                .isInstanceOf(MissingSecretException.class).hasMessageContaining("HOOK_KEY");
        assertThatThrownBy(() -> WebhookChannel.of("x", URI.create("ftp://host/"), Secret.of(KEY), transport))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
