/**
 * KNOWLEDGE stage, learning: what the loop remembers from its own outcomes and feeds back into the
 * other stages. {@link io.homeostat.engine.learn.EffectivenessLearner} tallies recovery outcomes
 * per (problem, action) in an {@link io.homeostat.engine.port.EffectivenessStore} and ranks the
 * PLAN stage's candidate workflows and steps by a confidence bound on their success rate, exploring
 * only among low-risk actions and demoting those that do not help. Subpackages adapt detector
 * thresholds to labelled history ({@code threshold}), learn retry delays for the kernel's
 * {@code Retry} ({@code retry}), and turn recognised patterns into ranked, optionally proactive
 * advice ({@code advice}). Nothing here acts: every output is a value the planner may use.
 */
package io.homeostat.engine.learn;
