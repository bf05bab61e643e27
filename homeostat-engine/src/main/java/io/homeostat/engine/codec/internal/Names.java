package io.homeostat.engine.codec.internal;

/** The JSON field names of signals: record component names, shared by writer and reader. */
final class Names {

    static final String KIND = "kind";
    static final String SERVICE = "service";
    static final String TIME = "time";
    static final String TAGS = "tags";
    static final String STATUS = "status";
    static final String CATEGORY = "category";
    static final String LATENCY_NANOS = "latencyNanos";
    static final String FALLBACK_TIER = "fallbackTier";
    static final String METRIC = "metric";
    static final String VALUE = "value";
    static final String CHECK = "check";
    static final String DETAILS = "details";
    static final String FROM = "from";
    static final String TO = "to";
    static final String REASON = "reason";
    static final String WINDOW = "window";
    static final String CALLS = "calls";
    static final String FAILURES = "failures";
    static final String SLOW_CALLS = "slowCalls";
    static final String CONSECUTIVE_FAILURES = "consecutiveFailures";
    static final String ERROR_TYPE = "errorType";
    static final String MESSAGE = "message";

    private Names() {}
}
