package io.homeostat.engine.plan;

import java.util.List;
import java.util.Objects;

/**
 * Which services a workflow is for: names or patterns where {@code *} matches any run of
 * characters ({@code llm:*}, {@code db:*}, {@code *}). Immutable.
 *
 * @param patterns at least one pattern
 */
public record ServiceSelector(List<String> patterns) {

    public ServiceSelector {
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty() || patterns.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("a service selector needs one or more non-blank patterns, was " + patterns);
        }
    }

    /** Matches every service. */
    public static ServiceSelector any() {
        return new ServiceSelector(List.of("*"));
    }

    /** True if one pattern matches {@code service}. */
    public boolean matches(String service) {
        Objects.requireNonNull(service, "service");
        return patterns.stream().anyMatch(p -> glob(p, 0, service, 0));
    }

    /** How specific the best matching pattern is (characters other than {@code *}); -1 if none matches. */
    public int specificity(String service) {
        return patterns.stream().filter(p -> glob(p, 0, service, 0))
                .mapToInt(p -> p.replace("*", "").length()).max().orElse(-1);
    }

    private static boolean glob(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (glob(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
