package io.homeostat.engine.alert.notify;

import io.homeostat.engine.alert.notify.internal.HttpPost;
import io.homeostat.engine.alert.notify.internal.NotificationJson;
import io.homeostat.engine.alert.notify.internal.RetryingDelivery;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Sends PagerDuty Events API v2 events: {@code trigger} while alerts fire, {@code acknowledge}
 * when people acknowledged them ({@link #acknowledge}), {@code resolve} when all resolved, with the notification's key as {@code dedup_key} so repeats update one incident
 * there. The routing key is a {@link Secret} and is left out of dead letters. Retries and
 * dead-letters per the transport. Thread-safe.
 */
public final class PagerDutyChannel implements Channel {

    /** PagerDuty's public enqueue endpoint. */
    public static final URI EVENTS_V2 = URI.create("https://events.pagerduty.com/v2/enqueue");

    private final String name;
    private final URI endpoint;
    private final Secret routingKey;
    private final ChannelTransport transport;
    private final RetryingDelivery delivery;

    private PagerDutyChannel(String name, URI endpoint, Secret routingKey, ChannelTransport transport) {
        this.name = name;
        this.endpoint = endpoint;
        this.routingKey = routingKey;
        this.transport = transport;
        this.delivery = new RetryingDelivery(name, transport);
    }

    /**
     * A channel to {@code endpoint} (normally {@link #EVENTS_V2}).
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code endpoint} is not http(s)
     */
    public static PagerDutyChannel of(String name, URI endpoint, Secret routingKey, ChannelTransport transport) {
        return new PagerDutyChannel(ChannelNames.require(name), ChannelNames.requireHttp(endpoint),
                Objects.requireNonNull(routingKey, "routingKey"), Objects.requireNonNull(transport, "transport"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification notification) {
        byte[] body = NotificationJson.pagerDuty(notification, routingKey);
        delivery.submit(notification.key(), notification.title(), new HttpPost(transport, endpoint, body, Map.of()));
    }

    /** Sends an {@code acknowledge} event on the notification's key, so PagerDuty stops paging for it. */
    @Override
    public void acknowledge(Notification notification) {
        byte[] body = NotificationJson.pagerDutyAcknowledge(notification, routingKey);
        delivery.submit(notification.key(), "[ACKNOWLEDGED] " + notification.title(),
                new HttpPost(transport, endpoint, body, Map.of()));
    }

    @Override
    public DeliveryStats stats() {
        return delivery.stats();
    }

    @Override
    public String toString() {
        return "PagerDutyChannel[" + name + " -> " + endpoint.getHost() + "]";
    }
}
