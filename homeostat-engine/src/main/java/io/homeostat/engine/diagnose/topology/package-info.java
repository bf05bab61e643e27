/**
 * ANALYZE stage, knowledge for root cause: the dependency graph as declared in configuration
 * ({@link io.homeostat.engine.diagnose.topology.DeclaredDependencies}) and as learned from signals
 * tagged with the calling service ({@link io.homeostat.engine.diagnose.topology.DependencyLearner}).
 */
package io.homeostat.engine.diagnose.topology;
