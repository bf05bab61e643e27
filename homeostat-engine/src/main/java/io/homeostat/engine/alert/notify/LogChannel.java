package io.homeostat.engine.alert.notify;

import io.homeostat.engine.alert.notify.internal.NotificationText;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each notification as text to a sink, by default the SLF4J logger
 * {@code io.homeostat.alert} at WARN. Never fails, never retries. Thread-safe if the sink is.
 */
public final class LogChannel implements Channel {

    private static final Logger LOG = LoggerFactory.getLogger("io.homeostat.alert");

    private final String name;
    private final Consumer<String> sink;
    private final AtomicLong delivered = new AtomicLong();

    private LogChannel(String name, Consumer<String> sink) {
        this.name = name;
        this.sink = sink;
    }

    /** A channel to the SLF4J logger {@code io.homeostat.alert}. */
    public static LogChannel of(String name) {
        return new LogChannel(ChannelNames.require(name), text -> LOG.warn("{}", text));
    }

    /** A channel to {@code sink}, e.g. a list in a test or a file writer. */
    public static LogChannel to(String name, Consumer<String> sink) {
        return new LogChannel(ChannelNames.require(name), Objects.requireNonNull(sink, "sink"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification notification) {
        sink.accept(NotificationText.of(notification));
        delivered.incrementAndGet();
    }

    @Override
    public DeliveryStats stats() {
        return new DeliveryStats(delivered.get(), 0, 0, 0, 0, List.of());
    }

    @Override
    public String toString() {
        return "LogChannel[" + name + "]";
    }
}
