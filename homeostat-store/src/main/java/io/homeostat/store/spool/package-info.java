/**
 * KNOWLEDGE, when the database is away: the durable local spool. Batches that cannot reach the
 * database (signals and audit records; and, in a spool of their own, the control loop's incidents,
 * timelines, diagnoses, runs and step records) are appended to a checksummed, fsynced, bounded
 * file and replayed in order when it returns, so nothing is lost silently.
 */
package io.homeostat.store.spool;
