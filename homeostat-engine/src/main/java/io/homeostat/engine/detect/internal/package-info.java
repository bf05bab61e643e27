/**
 * MONITOR stage internals shared by the detectors: the bounded per-series state table and the
 * wording of numbers and durations in detection summaries. Not a public API.
 */
package io.homeostat.engine.detect.internal;
