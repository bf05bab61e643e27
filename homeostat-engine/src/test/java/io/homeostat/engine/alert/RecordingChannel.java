package io.homeostat.engine.alert;

import io.homeostat.engine.alert.notify.Channel;
import io.homeostat.engine.alert.notify.DeliveryStats;
import io.homeostat.engine.alert.notify.Notification;
import java.util.ArrayList;
import java.util.List;

/** A channel that keeps what it is sent, for tests. Thread-safe. */
public final class RecordingChannel implements Channel {

    private final String name;
    private final List<Notification> sent = new ArrayList<>();

    public RecordingChannel(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void send(Notification notification) {
        sent.add(notification);
    }

    @Override
    public synchronized DeliveryStats stats() {
        return new DeliveryStats(sent.size(), 0, 0, 0, 0, List.of());
    }

    /** Everything sent so far, oldest first. */
    public synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }

    /** The latest notification. */
    public synchronized Notification last() {
        return sent.get(sent.size() - 1);
    }

    /** How many notifications arrived. */
    public synchronized int count() {
        return sent.size();
    }
}
