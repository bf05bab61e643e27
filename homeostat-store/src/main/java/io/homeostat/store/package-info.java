/**
 * KNOWLEDGE: persistence of what the loop knows. {@code jdbc} (H2 embedded default, PostgreSQL,
 * Flyway migrations), {@code spool} (the durable local spool that keeps records while the
 * database is away) and {@code redis} (streams bus, shared breaker state, leader lease). Each
 * implements ports declared by the engine.
 */
package io.homeostat.store;
