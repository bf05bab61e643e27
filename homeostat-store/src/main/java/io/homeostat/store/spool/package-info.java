/**
 * KNOWLEDGE, when the database is away: the durable local spool. Batches that cannot reach the
 * database are appended to a checksummed, fsynced, bounded file and replayed in order when it
 * returns, so nothing is lost silently.
 */
package io.homeostat.store.spool;
