package io.homeostat.engine.detect.internal;

import java.util.Locale;

/**
 * The problem category a metric's name suggests, for detectors that have no rule to say it:
 * {@code latency}, {@code errors}, {@code resource}, {@code traffic}, else {@code metric}.
 * Thread-safe.
 */
public final class Categories {

    private Categories() {}

    /** The category of {@code metric}, by the words in its name. */
    public static String of(String metric) {
        String name = metric.toLowerCase(Locale.ROOT);
        if (name.contains("latency") || name.contains("duration") || name.contains("response")) {
            return "latency";
        }
        if (name.contains("error") || name.contains("fail") || name.contains("timeout") || name.contains("reject")) {
            return "errors";
        }
        if (name.contains("heap") || name.contains("memory") || name.contains("cpu") || name.contains("disk")
                || name.contains("gc") || name.contains("thread") || name.contains("pool")) {
            return "resource";
        }
        if (name.contains("rate") || name.contains("calls") || name.contains("requests")) {
            return "traffic";
        }
        return "metric";
    }
}
