/**
 * MONITOR stage internals shared by the detectors: the bounded per-series state table, the
 * wording of numbers and durations in detection summaries, and the normal tail probability. Not a public API.
 */
package io.homeostat.engine.detect.internal;
