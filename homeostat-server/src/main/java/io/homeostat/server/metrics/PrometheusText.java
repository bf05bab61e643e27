package io.homeostat.server.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): each family once with its
 * {@code # HELP} and {@code # TYPE} lines, then its samples. Label values are escaped; metric and
 * label names are the caller's constants. Not thread-safe; one per scrape.
 */
public final class PrometheusText {

    /** The content type of this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, StringBuilder> families = new LinkedHashMap<>();

    /**
     * Adds a sample of a counter (a total that only grows); {@code name} should end in
     * {@code _total}.
     *
     * @param labels name, value, name, value, ...
     * @throws IllegalArgumentException if {@code labels} has an odd length, or the family was
     *     declared with another type or help
     */
    public PrometheusText counter(String name, String help, double value, String... labels) {
        return sample("counter", name, help, value, labels);
    }

    /** Adds a sample of a gauge (a value that goes up and down); see {@link #counter}. */
    public PrometheusText gauge(String name, String help, double value, String... labels) {
        return sample("gauge", name, help, value, labels);
    }

    private PrometheusText sample(String type, String name, String help, double value, String... labels) {
        Objects.requireNonNull(name, "name");
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels must be name/value pairs, got " + labels.length + " strings");
        }
        String header = "# HELP " + name + " " + escapeHelp(help) + "\n# TYPE " + name + " " + type + "\n";
        StringBuilder family = families.computeIfAbsent(name, key -> new StringBuilder(header));
        if (!family.substring(0, Math.min(family.length(), header.length())).equals(header)) {
            throw new IllegalArgumentException(name + " was declared with another type or help");
        }
        family.append(name);
        if (labels.length > 0) {
            family.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    family.append(',');
                }
                family.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
            }
            family.append('}');
        }
        family.append(' ').append(format(value)).append('\n');
        return this;
    }

    /** The exposition: every family in the order it was first added. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        families.values().forEach(out::append);
        return out.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
