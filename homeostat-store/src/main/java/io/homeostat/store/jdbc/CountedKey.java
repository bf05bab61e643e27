package io.homeostat.store.jdbc;

/**
 * How many failures one key had in a time range, e.g. an error type or a service. Immutable.
 *
 * @param key the error type or service
 * @param count failures in the range
 * @param perMinute {@code count} over the range's length in minutes
 */
public record CountedKey(String key, long count, double perMinute) {}
