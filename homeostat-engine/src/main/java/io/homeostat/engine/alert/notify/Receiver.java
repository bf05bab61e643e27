package io.homeostat.engine.alert.notify;

import java.util.List;
import java.util.Objects;

/**
 * A named destination of routes and on-call levels: every notification to it goes to each of
 * its channels. Immutable and thread-safe (as its channels are).
 *
 * @param name unique among receivers, e.g. {@code ops}, {@code oncall-primary}
 * @param channels the ways out; may be empty (a black hole, for routes that only record)
 */
public record Receiver(String name, List<Channel> channels) {

    /** @throws IllegalArgumentException if {@code name} is blank */
    public Receiver {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        channels = List.copyOf(channels);
    }

    /** A receiver with these channels. */
    public static Receiver of(String name, Channel... channels) {
        return new Receiver(name, List.of(channels));
    }

    /** Tells every channel that {@code notification}'s alerts were acknowledged ({@link Channel#acknowledge}). */
    public void acknowledge(Notification notification) {
        for (Channel channel : channels) {
            channel.acknowledge(notification);
        }
    }

    /** Sends {@code notification} to every channel. */
    public void send(Notification notification) {
        for (Channel channel : channels) {
            channel.send(notification);
        }
    }
}
