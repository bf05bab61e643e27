/**
 * Monitor, from outside the JVM: {@code POST /api/v1/signals} takes batches of signals from
 * remote services, checks the whole batch before anything is published, drops duplicates by
 * signal id, and publishes the rest to the in-process bus that feeds the detectors.
 */
package io.homeostat.server.ingest;
