/**
 * KNOWLEDGE and the loop's outward edges, as interfaces: what the engine needs from a store or
 * from people, declared here and implemented elsewhere ({@code homeostat-store} for stores, the
 * alerting package for {@link io.homeostat.engine.port.Escalation}). Every port has an in-memory
 * implementation in the engine's test sources and an abstract contract suite that every
 * implementation runs.
 */
package io.homeostat.engine.port;
