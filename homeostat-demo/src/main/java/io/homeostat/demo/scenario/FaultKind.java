package io.homeostat.demo.scenario;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of fault a chaos schedule injects; in YAML their lower-case names ({@code latency_spike}). */
public enum FaultKind {
    /** The upstream answers every call with 503. */
    OUTAGE,
    /** The upstream's port is closed: connections are refused. */
    REFUSED,
    /** The database drops every pooled connection and refuses new ones for a while. */
    CONNECTION_LOSS,
    /** The upstream's memory grows until it runs out. */
    MEMORY_LEAK,
    /** Every answer of the upstream takes longer. */
    LATENCY_SPIKE,
    /** A share of the upstream's calls fail with 500. */
    ERROR_BURST,
    /** The upstream alternates between up and down. */
    FLAPPING,
    /** The target goes down and the upstreams depending on it fail with it. */
    CASCADE;

    /** The YAML name, e.g. {@code latency_spike}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind labelled {@code label}. */
    public static Optional<FaultKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
    }
}
