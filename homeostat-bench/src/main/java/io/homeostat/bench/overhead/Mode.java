package io.homeostat.bench.overhead;

/** How a round's triage application calls its dependencies. */
enum Mode {

    /**
     * As the demo does: every call through a guard of a {@link io.homeostat.core.GuardRegistry}
     * (the demo's guard settings, call contexts, tiered fallbacks), recorded, with signals
     * published to an in-process bus and the guards' rates sampled onto it every 500 ms.
     */
    GUARDED("with guards"),

    /** The same requests made directly: same HTTP client, upstreams, request mix and rate; no kernel at all. */
    DIRECT("without guards");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    /** How the tables name the mode. */
    String label() {
        return label;
    }
}
