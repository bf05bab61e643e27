/**
 * Operation recording (Monitor, at the source): how every guarded call ended and how long it took,
 * counted on the caller's thread without allocation, over rolling windows, for snapshots that the
 * guard's metrics and the detectors read.
 */
package io.homeostat.core.record;
