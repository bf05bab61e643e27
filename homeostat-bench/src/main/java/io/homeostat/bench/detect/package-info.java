/** JMH benchmarks of the MONITOR stage's detectors: cost per sample per series. */
package io.homeostat.bench.detect;
