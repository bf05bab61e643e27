/**
 * KNOWLEDGE feeding PLAN: advice from recognised patterns. The
 * {@link io.homeostat.engine.learn.advice.PatternAdvisor} pairs each pattern's recommendation with
 * the planner's candidate actions ranked by learned effectiveness, and, behind a flag, suggests a
 * low-risk preventive action when a pattern is predicted to recur soon. It answers queries; it
 * runs nothing.
 */
package io.homeostat.engine.learn.advice;
