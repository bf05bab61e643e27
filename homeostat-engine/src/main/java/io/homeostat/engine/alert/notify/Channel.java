package io.homeostat.engine.alert.notify;

/**
 * One way out to people. Implementations are thread-safe.
 */
public interface Channel {

    /** The channel's name, unique within its receiver, e.g. {@code ops-webhook}. */
    String name();

    /**
     * Sends {@code notification}, now or after retries; never throws for a failed delivery:
     * failures are retried, counted and dead-lettered (see {@link #stats()}).
     *
     * @throws NullPointerException if {@code notification} is null
     */
    void send(Notification notification);

    /**
     * Tells the channel that a person took what {@code notification} is about (its key, as sent
     * before): the alerts it lists as firing are all acknowledged. Most channels have nothing to
     * say then (the default does nothing); a pager acknowledges its incident (PagerDuty's
     * {@code acknowledge} on the same dedup key), so it stops paging. Never throws for a failed
     * delivery, as {@link #send}.
     *
     * @throws NullPointerException if {@code notification} is null
     */
    default void acknowledge(Notification notification) {
        java.util.Objects.requireNonNull(notification, "notification");
    }

    /** What the channel has done so far. */
    DeliveryStats stats();
}
