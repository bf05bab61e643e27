package io.homeostat.engine.alert.escalate;

import io.homeostat.core.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One level of the on-call rotation: its people take turns, one shift each, from
 * {@code rotationStart} on. Immutable and thread-safe.
 *
 * @param name unique among levels, e.g. {@code primary}, {@code secondary}, {@code incident-response}
 * @param receiver the receiver its notifications go to
 * @param people who takes turns, in order, at least one
 * @param shift how long one turn lasts, positive
 * @param rotationStart when the first person's first turn started
 */
public record OnCallLevel(String name, String receiver, List<String> people, Duration shift, Instant rotationStart) {

    /** @throws IllegalArgumentException if a name is blank, there are no people, or the shift is not positive */
    public OnCallLevel {
        requireText(name, "name");
        requireText(receiver, "receiver");
        people = List.copyOf(people);
        if (people.isEmpty()) {
            throw new IllegalArgumentException("level " + name + " needs at least one person");
        }
        people.forEach(p -> requireText(p, "person"));
        Durations.requirePositive(shift, "shift");
        Objects.requireNonNull(rotationStart, "rotationStart");
    }

    /** Who is on call at {@code time} (before the rotation starts, the turns run backwards). */
    public String onCallAt(Instant time) {
        long turn = Math.floorDiv(Duration.between(rotationStart, time).toMillis(), shift.toMillis());
        return people.get((int) Math.floorMod(turn, (long) people.size()));
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
