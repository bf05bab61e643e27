package io.homeostat.engine.alert.notify;

import io.homeostat.engine.alert.notify.internal.HmacSignature;
import io.homeostat.engine.alert.notify.internal.HttpPost;
import io.homeostat.engine.alert.notify.internal.NotificationJson;
import io.homeostat.engine.alert.notify.internal.RetryingDelivery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * POSTs the notification as JSON to a URL, signed: header {@value #SIGNATURE_HEADER} carries
 * {@code sha256=<hex HMAC-SHA256 of the body under the shared secret>}, so the receiver can check
 * who sent it. Retries with backoff and dead-letters per the transport. Thread-safe.
 */
public final class WebhookChannel implements Channel {

    /** The header that carries the body's signature. */
    public static final String SIGNATURE_HEADER = "X-Homeostat-Signature";

    private final String name;
    private final URI url;
    private final Secret secret;
    private final ChannelTransport transport;
    private final RetryingDelivery delivery;

    private WebhookChannel(String name, URI url, Secret secret, ChannelTransport transport) {
        this.name = name;
        this.url = url;
        this.secret = secret;
        this.transport = transport;
        this.delivery = new RetryingDelivery(name, transport);
    }

    /**
     * A webhook to {@code url}, signed with {@code secret}.
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code url} is not http(s)
     */
    public static WebhookChannel of(String name, URI url, Secret secret, ChannelTransport transport) {
        return new WebhookChannel(ChannelNames.require(name), ChannelNames.requireHttp(url),
                Objects.requireNonNull(secret, "secret"), Objects.requireNonNull(transport, "transport"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification notification) {
        byte[] body = NotificationJson.webhook(notification);
        Map<String, String> headers = Map.of(SIGNATURE_HEADER, HmacSignature.sign(secret, body));
        delivery.submit(notification.key(), new String(body, StandardCharsets.UTF_8),
                new HttpPost(transport, url, body, headers));
    }

    /** Posts the notification again with status {@code acknowledged}, signed as every post, so the receiver knows someone took it. */
    @Override
    public void acknowledge(Notification notification) {
        byte[] body = NotificationJson.webhookAcknowledged(notification);
        Map<String, String> headers = Map.of(SIGNATURE_HEADER, HmacSignature.sign(secret, body));
        delivery.submit(notification.key() + "#ack", new String(body, StandardCharsets.UTF_8),
                new HttpPost(transport, url, body, headers));
    }

    @Override
    public DeliveryStats stats() {
        return delivery.stats();
    }

    @Override
    public String toString() {
        return "WebhookChannel[" + name + " -> " + url.getHost() + "]";
    }
}
