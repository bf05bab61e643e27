/**
 * The NAB macro benchmark: runs the streaming anomaly detector of the MONITOR stage over the
 * Numenta Anomaly Benchmark corpus, writes NAB's own results layout and scores it the way NAB
 * does (probationary period, scaled sigmoid, earliest detection per window, threshold sweep,
 * normalisation against the null and perfect detectors).
 */
package io.homeostat.bench.nab;
