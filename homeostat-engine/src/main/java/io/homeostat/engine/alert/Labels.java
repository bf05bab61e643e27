package io.homeostat.engine.alert;

import io.homeostat.engine.detect.Severity;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An alert's identity: a set of name/value pairs, sorted by name. Two alerts with the same labels
 * are the same alert (deduplicated). Every alert has {@value #SERVICE} and {@value #SEVERITY};
 * {@value #CATEGORY} and {@value #INCIDENT} are usual. Immutable and thread-safe.
 */
public final class Labels {

    /** The service the alert is about. Required. */
    public static final String SERVICE = "service";
    /** The severity, a lower-case {@link Severity} name. Required. */
    public static final String SEVERITY = "severity";
    /** The problem's category, e.g. {@code errors}, {@code latency}. */
    public static final String CATEGORY = "category";
    /** The incident the alert belongs to. */
    public static final String INCIDENT = "incident";

    /**
     * Every label name an alert Homeostat raises can carry ({@link Alert#of}): {@value #CATEGORY},
     * {@value #INCIDENT}, {@value #SERVICE} and {@value #SEVERITY}, sorted. A matcher on any other
     * name sees the empty string on every alert.
     */
    public static final SortedSet<String> NAMES =
            Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(CATEGORY, INCIDENT, SERVICE, SEVERITY)));

    private final SortedMap<String, String> values;
    private final String fingerprint;

    private Labels(SortedMap<String, String> values) {
        this.values = Collections.unmodifiableSortedMap(values);
        this.fingerprint = fingerprintOf(values);
    }

    /**
     * Labels from a map.
     *
     * @throws IllegalArgumentException if a name or value is blank, {@value #SERVICE} or
     *     {@value #SEVERITY} is missing, or the severity is not a {@link Severity} name
     */
    public static Labels of(Map<String, String> values) {
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name.isBlank() || value.isBlank()) {
                throw new IllegalArgumentException("label names and values must not be blank: " + name + "=" + value);
            }
            copy.put(name, value);
        });
        if (!copy.containsKey(SERVICE) || !copy.containsKey(SEVERITY)) {
            throw new IllegalArgumentException("labels need service and severity, got " + copy.keySet());
        }
        parseSeverity(copy.get(SEVERITY));
        return new Labels(copy);
    }

    /** The value of label {@code name}, if present. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The {@value #SERVICE} label. */
    public String service() {
        return values.get(SERVICE);
    }

    /** The {@value #SEVERITY} label as a {@link Severity}. */
    public Severity severity() {
        return parseSeverity(values.get(SEVERITY));
    }

    /** The {@value #INCIDENT} label, if present. */
    public Optional<String> incident() {
        return get(INCIDENT);
    }

    /** The values of {@code names}, in that order, absent ones as empty strings. */
    public Map<String, String> select(Collection<String> names) {
        TreeMap<String, String> selected = new TreeMap<>();
        for (String name : names) {
            selected.put(name, values.getOrDefault(name, ""));
        }
        return Collections.unmodifiableSortedMap(selected);
    }

    /** All labels, sorted by name. */
    public SortedMap<String, String> asMap() {
        return values;
    }

    /** A stable 16-hex-digit hash of the labels: the alert's id. */
    public String fingerprint() {
        return fingerprint;
    }

    private static Severity parseSeverity(String value) {
        try {
            return Severity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity must be one of critical, high, medium, low, info; was " + value, e);
        }
    }

    /** FNV-1a, 64 bit, over name=value pairs separated by NUL: stable across JVMs and releases. */
    private static String fingerprintOf(SortedMap<String, String> values) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            for (String part : new String[] {entry.getKey(), "=", entry.getValue(), "\0"}) {
                for (int i = 0; i < part.length(); i++) {
                    hash ^= part.charAt(i);
                    hash *= 0x100000001b3L;
                }
            }
        }
        return String.format(Locale.ROOT, "%016x", hash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Labels labels && labels.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    static String name(Severity severity) {
        return Objects.requireNonNull(severity, "severity").name().toLowerCase(Locale.ROOT);
    }
}
