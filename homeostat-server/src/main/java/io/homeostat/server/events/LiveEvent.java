package io.homeostat.server.events;

import java.util.Objects;

/**
 * One event of the live stream.
 *
 * @param type the SSE event name: {@code incident}, {@code alert}, {@code circuit}, {@code recovery},
 *     {@code approval}, {@code degradation} or {@code flag}
 * @param data what is sent as the event's JSON data
 */
public record LiveEvent(String type, Object data) {

    public LiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
