package io.homeostat.bench.overhead;

import java.util.Map;

/**
 * What one measured round did and cost. Immutable.
 *
 * @param mode how the application called its dependencies
 * @param index the round's number (0 for a warm-up round)
 * @param fault whether an outage of {@code llm:openai} was injected
 * @param wallNanos how long the measurement ran
 * @param cpuNanos the process's CPU time over it
 * @param cpuByGroup the CPU time per thread group ({@link CpuMeter})
 * @param requests triage requests that completed
 * @param httpCalls calls the upstreams' HTTP servers received
 * @param guardCalls calls the guards saw (attempts and rejections); 0 without guards
 * @param fallbacks calls a fallback tier answered; 0 without guards
 * @param signals signals published to the bus; 0 without guards
 * @param allocatedBytes heap bytes the process allocated over the round; negative if unknown
 */
record RoundResult(Mode mode, int index, boolean fault, long wallNanos, long cpuNanos, Map<String, Long> cpuByGroup,
        long requests, long httpCalls, long guardCalls, long fallbacks, long signals, long allocatedBytes) {

    /** The process's CPU use as a share of one core: 1.0 is one core busy all the time. */
    double cores() {
        return (double) cpuNanos / wallNanos;
    }

    /** CPU microseconds per completed request. */
    double cpuMicrosPerRequest() {
        return requests == 0 ? 0 : cpuNanos / 1000.0 / requests;
    }

    /** Heap bytes allocated per completed request. */
    double bytesPerRequest() {
        return requests == 0 ? 0 : (double) allocatedBytes / requests;
    }

    /** Completed requests a second. */
    double requestRate() {
        return requests * 1e9 / wallNanos;
    }
}
