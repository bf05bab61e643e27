package io.homeostat.engine.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Mutes the alerts its matchers all match, from {@code startsAt} until {@code endsAt}. A
 * silenced alert is still tracked and kept in history; it is only not notified. Immutable and
 * thread-safe.
 *
 * @param id unique, e.g. from {@link Alerting#silence}
 * @param matchers all must match
 * @param startsAt when it starts muting
 * @param endsAt when it stops (exclusive)
 * @param author who made it
 * @param comment why
 */
public record Silence(
        String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String author, String comment) {

    /**
     * @throws IllegalArgumentException if {@code matchers} is empty (a silence of everything is
     *     a kill switch, not a silence), {@code endsAt} is not after {@code startsAt}, or
     *     {@code id} or {@code author} is blank
     */
    public Silence {
        requireText(id, "id");
        matchers = List.copyOf(matchers);
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("a silence needs at least one matcher");
        }
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt: " + startsAt + " .. " + endsAt);
        }
        requireText(author, "author");
        Objects.requireNonNull(comment, "comment");
    }

    /** True if the silence is in force at {@code time}. */
    public boolean activeAt(Instant time) {
        return !time.isBefore(startsAt) && time.isBefore(endsAt);
    }

    /** True if the silence is in force at {@code time} and matches {@code labels}. */
    public boolean mutes(Labels labels, Instant time) {
        return activeAt(time) && matchers.stream().allMatch(m -> m.matches(labels));
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
