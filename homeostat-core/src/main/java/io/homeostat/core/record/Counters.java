package io.homeostat.core.record;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.fallback.TierKind;

/**
 * The layout of one stripe of counts: the latency histogram of timed attempts (a sampled success
 * weighs what it stands for, see {@link RecorderConfig#successSampling()}), then one counter per
 * failure category, then timeouts, rejections, fallbacks served per tier kind, retries, successes
 * not timed, and the weight the histogram holds beyond one per timed attempt. Attempts that ended
 * are the histogram's total minus that excess plus the untimed successes.
 */
final class Counters {

    static final int HISTOGRAM = 0;
    static final int FAILURES = HISTOGRAM + LatencyScale.SLOTS;
    static final int TIMEOUTS = FAILURES + ErrorCategory.values().length;
    static final int REJECTED = TIMEOUTS + 1;
    static final int FALLBACKS = REJECTED + 1;
    static final int RETRIES = FALLBACKS + TierKind.values().length;
    static final int UNTIMED_SUCCESSES = RETRIES + 1;
    static final int SAMPLE_EXCESS = UNTIMED_SUCCESSES + 1;
    static final int USED = SAMPLE_EXCESS + 1;
    /** Stripe stride, rounded up to whole 64-byte lines so stripes do not share a cache line. */
    static final int STRIDE = (USED + 7) & ~7;

    private Counters() {}
}
