package io.homeostat.engine.alert.notify;

import io.homeostat.engine.alert.notify.internal.HttpPost;
import io.homeostat.engine.alert.notify.internal.NotificationJson;
import io.homeostat.engine.alert.notify.internal.RetryingDelivery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Posts to a Slack-compatible incoming webhook ({@code text} and one mrkdwn section). The
 * webhook URL is itself the credential, so it is a {@link Secret}. Retries and dead-letters per
 * the transport. Thread-safe.
 */
public final class SlackChannel implements Channel {

    private final String name;
    private final Secret url;
    private final ChannelTransport transport;
    private final RetryingDelivery delivery;

    private SlackChannel(String name, Secret url, ChannelTransport transport) {
        this.name = name;
        this.url = url;
        this.transport = transport;
        this.delivery = new RetryingDelivery(name, transport);
    }

    /**
     * A channel to the incoming webhook at {@code url}.
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code url} is not http(s)
     */
    public static SlackChannel of(String name, Secret url, ChannelTransport transport) {
        ChannelNames.requireHttp(URI.create(url.reveal()));
        return new SlackChannel(ChannelNames.require(name), url, Objects.requireNonNull(transport, "transport"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification notification) {
        byte[] body = NotificationJson.slack(notification);
        delivery.submit(notification.key(), new String(body, StandardCharsets.UTF_8),
                new HttpPost(transport, URI.create(url.reveal()), body, Map.of()));
    }

    /** Posts that people acknowledged what the notification is about, and who. */
    @Override
    public void acknowledge(Notification notification) {
        byte[] body = NotificationJson.slackAcknowledged(notification);
        delivery.submit(notification.key() + "#ack", new String(body, StandardCharsets.UTF_8),
                new HttpPost(transport, URI.create(url.reveal()), body, Map.of()));
    }

    @Override
    public DeliveryStats stats() {
        return delivery.stats();
    }

    @Override
    public String toString() {
        return "SlackChannel[" + name + "]";
    }
}
