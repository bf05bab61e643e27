package io.homeostat.core.record;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.fallback.TierKind;

/**
 * The layout of one stripe of counts: the latency histogram of completed attempts, then one
 * counter per failure category, then timeouts, rejections and fallbacks served per tier kind.
 */
final class Counters {

    static final int HISTOGRAM = 0;
    static final int FAILURES = HISTOGRAM + LatencyScale.SLOTS;
    static final int TIMEOUTS = FAILURES + ErrorCategory.values().length;
    static final int REJECTED = TIMEOUTS + 1;
    static final int FALLBACKS = REJECTED + 1;
    static final int RETRIES = FALLBACKS + TierKind.values().length;
    static final int USED = RETRIES + 1;
    /** Stripe stride, rounded up to whole 64-byte lines so stripes do not share a cache line. */
    static final int STRIDE = (USED + 7) & ~7;

    private Counters() {}
}
