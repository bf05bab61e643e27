/**
 * Macro benchmark of the KNOWLEDGE store: sustained batched writes to PostgreSQL and H2 beside a
 * plain JDBC batch insert of the same rows, and the spool's replay rate after an outage.
 */
package io.homeostat.bench.store;
