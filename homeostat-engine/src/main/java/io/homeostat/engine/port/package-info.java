/**
 * KNOWLEDGE stage: the interfaces the engine needs from persistence (the audit trail, breaker
 * state, and more as the loop grows). {@code homeostat-store} implements them on H2, PostgreSQL
 * and Redis; the engine's test sources hold in-memory implementations and one abstract contract
 * suite per port that every implementation must pass.
 */
package io.homeostat.engine.port;
