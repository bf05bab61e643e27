package io.homeostat.engine.diagnose;

import java.util.Locale;

/**
 * What kind of problem an incident is, the first half of the diagnosis taxonomy (the second is
 * {@link io.homeostat.engine.detect.Severity}). The names are the ones used in rule files, the
 * timeline and the API: {@link #label()}, e.g. {@code database}.
 */
public enum DiagnosisCategory {
    /** Credentials, tokens, permissions: 401/403, expired keys, denied logins. */
    AUTHENTICATION,
    /** The database or its connections: pool exhaustion, deadlocks, lost connections, slow queries. */
    DATABASE,
    /** A remote API misbehaves: 5xx answers, rate limits, quotas, malformed responses. */
    API,
    /** Slowness without errors: latency above its threshold or unusual for the series. */
    PERFORMANCE,
    /** A dependency as a whole is cut off: circuit open, health check failing, fallbacks serving. */
    INTEGRATION,
    /** The process runs out of something: memory, CPU, threads, file handles, disk. */
    RESOURCE,
    /** The service is set up wrong: missing property, bad URL, class or bean not found. */
    CONFIGURATION,
    /** The network between services: DNS, refused or reset connections, TLS, unreachable hosts. */
    NETWORK;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in rule files and APIs, e.g. {@code database}. */
    public String label() {
        return label;
    }
}
