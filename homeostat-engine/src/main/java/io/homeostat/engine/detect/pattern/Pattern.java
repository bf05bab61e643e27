package io.homeostat.engine.detect.pattern;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A regularity in failures, with what it usually means and what to do. Immutable and
 * thread-safe; {@link #services()} iterates in name order.
 *
 * @param signature unique per pattern and stable while it lasts, e.g.
 *     {@code recurring|llm:openai|timeout:http.504}
 * @param kind what sort of regularity it is
 * @param services the services it involves (one, or two for a co-occurrence); never empty
 * @param description one sentence for people, e.g. "timeout on llm:openai daily around 14:00 UTC"
 * @param typicalCause what usually lies behind it
 * @param recommendedAction what to do about it
 * @param occurrences how many failure episodes (or joint episodes) make it up, at least 1
 * @param firstSeen when the first of them started
 * @param lastSeen when the latest of them started; not before {@code firstSeen}
 * @param confidence how sure the detector is that the regularity is real, in [0, 1]
 */
public record Pattern(
        String signature,
        PatternKind kind,
        Set<String> services,
        String description,
        String typicalCause,
        String recommendedAction,
        long occurrences,
        Instant firstSeen,
        Instant lastSeen,
        double confidence) {

    /**
     * Validates the pattern.
     *
     * @throws NullPointerException if a field is null
     * @throws IllegalArgumentException if the signature or a service is blank, there is no
     *     service, occurrences is below 1, lastSeen is before firstSeen, or the confidence is not
     *     in [0, 1]
     */
    public Pattern {
        Objects.requireNonNull(signature, "signature");
        if (signature.isBlank()) {
            throw new IllegalArgumentException("signature must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        TreeSet<String> sorted = new TreeSet<>();
        for (String service : Objects.requireNonNull(services, "services")) {
            if (Objects.requireNonNull(service, "service").isBlank()) {
                throw new IllegalArgumentException("a service must not be blank");
            }
            sorted.add(service);
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a pattern needs at least one service");
        }
        services = Collections.unmodifiableSet(sorted);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(typicalCause, "typicalCause");
        Objects.requireNonNull(recommendedAction, "recommendedAction");
        if (occurrences < 1) {
            throw new IllegalArgumentException("occurrences must be at least 1, was " + occurrences);
        }
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (lastSeen.isBefore(firstSeen)) {
            throw new IllegalArgumentException("lastSeen " + lastSeen + " is before firstSeen " + firstSeen);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }

    /**
     * How often it happens: occurrences per day over the span from first to last seen (a span
     * shorter than an hour counts as an hour).
     */
    public double frequencyPerDay() {
        Duration span = Duration.between(firstSeen, lastSeen);
        double days = Math.max(span.toMillis(), Duration.ofHours(1).toMillis()) / (double) Duration.ofDays(1).toMillis();
        return occurrences / days;
    }

    /** True if {@code service} is one of its services. */
    public boolean involves(String service) {
        return services.contains(service);
    }
}
