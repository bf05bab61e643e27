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

    /** What the channel has done so far. */
    DeliveryStats stats();
}
