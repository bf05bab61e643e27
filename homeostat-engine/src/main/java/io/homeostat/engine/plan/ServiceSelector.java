package io.homeostat.engine.plan;

import io.homeostat.engine.internal.Glob;
import java.util.List;
import java.util.Objects;

/**
 * Which services a workflow is for: names or globs, as in detection and diagnosis rules, where
 * {@code *} matches any run of characters and {@code ?} one ({@code llm:*}, {@code db:?}, {@code *});
 * matching backtracks only to the last star, so no pattern takes exponential time. Immutable.
 *
 * @param patterns at least one pattern
 */
public record ServiceSelector(List<String> patterns) {

    public ServiceSelector {
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty() || patterns.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a service selector needs one or more non-blank patterns, was "
                    + patterns.stream().map(pattern -> "'" + pattern + "'").toList());
        }
    }

    /** Matches every service. */
    public static ServiceSelector any() {
        return new ServiceSelector(List.of("*"));
    }

    /** True if one pattern matches {@code service}. */
    public boolean matches(String service) {
        Objects.requireNonNull(service, "service");
        return patterns.stream().anyMatch(p -> Glob.matches(p, service));
    }

    /** How specific the best matching pattern is (its characters but {@code *} and {@code ?}); -1 if none matches. */
    public int specificity(String service) {
        return patterns.stream().filter(p -> Glob.matches(p, service))
                .mapToInt(p -> p.replace("*", "").replace("?", "").length()).max().orElse(-1);
    }
}

