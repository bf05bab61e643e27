package io.homeostat.engine.alert.escalate;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * The on-call levels, lowest first: escalation climbs them. Immutable and thread-safe.
 *
 * @param levels at least one, names unique
 */
public record OnCallRotation(List<OnCallLevel> levels) {

    /** @throws IllegalArgumentException if there is no level or two share a name */
    public OnCallRotation {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("an on-call rotation needs at least one level");
        }
        HashSet<String> names = new HashSet<>();
        for (OnCallLevel level : levels) {
            if (!names.add(level.name())) {
                throw new IllegalArgumentException("two on-call levels are named " + level.name());
            }
        }
    }

    /** A rotation of these levels, lowest first. */
    public static OnCallRotation of(OnCallLevel... levels) {
        return new OnCallRotation(List.of(levels));
    }

    /** The index of the level named {@code name}, if any. */
    public OptionalInt indexOf(String name) {
        return IntStream.range(0, levels.size()).filter(i -> levels.get(i).name().equals(name)).findFirst();
    }

    /**
     * Who is on call at level {@code index} at {@code time}.
     *
     * @throws IndexOutOfBoundsException if there is no such level
     */
    public String onCall(int index, Instant time) {
        return levels.get(index).onCallAt(time);
    }

    /** The highest level's index. */
    public int top() {
        return levels.size() - 1;
    }
}
