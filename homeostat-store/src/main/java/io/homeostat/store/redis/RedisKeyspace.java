package io.homeostat.store.redis;

import java.util.Objects;

/**
 * The prefix every Homeostat key in Redis starts with, so that several deployments (or test
 * runs) share one server without touching each other's keys. Immutable.
 *
 * @param prefix e.g. {@code homeostat} (the default); keys look like {@code homeostat:lease:planner}
 */
public record RedisKeyspace(String prefix) {

    /** The default prefix, {@code homeostat}. */
    public static final String DEFAULT_PREFIX = "homeostat";

    /**
     * @throws NullPointerException if {@code prefix} is null
     * @throws IllegalArgumentException if it is blank, holds white space, or ends with {@code :}
     */
    public RedisKeyspace {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank() || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("prefix must be non-blank without white space, was '" + prefix + "'");
        }
        if (prefix.endsWith(":")) {
            throw new IllegalArgumentException("prefix must not end with ':' (it is added), was '" + prefix + "'");
        }
    }

    /** The keyspace with {@link #DEFAULT_PREFIX}. */
    public static RedisKeyspace defaults() {
        return new RedisKeyspace(DEFAULT_PREFIX);
    }

    /** The key {@code prefix:part1:part2...}. */
    public String key(String... parts) {
        StringBuilder key = new StringBuilder(prefix);
        for (String part : parts) {
            key.append(':').append(part);
        }
        return key.toString();
    }

    /** The pattern matching every key of this keyspace, for SCAN. */
    public String pattern() {
        return prefix + ":*";
    }
}
