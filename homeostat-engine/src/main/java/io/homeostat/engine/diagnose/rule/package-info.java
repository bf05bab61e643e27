/**
 * ANALYZE stage, diagnostic knowledge as data: {@link io.homeostat.engine.diagnose.rule.DiagnosisRule}s
 * read from YAML by {@link io.homeostat.engine.diagnose.rule.DiagnosisRules} (with located errors),
 * each a set of {@link io.homeostat.engine.diagnose.rule.Condition}s on a fact that point to a
 * category and its probable causes, and the default rule set covering the eight categories.
 */
package io.homeostat.engine.diagnose.rule;
