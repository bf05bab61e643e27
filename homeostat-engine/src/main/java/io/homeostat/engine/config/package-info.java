/**
 * KNOWLEDGE stage, configuration side: the YAML the operators write (rules, workflows, alert
 * routes) read into {@link io.homeostat.engine.config.ConfigNode} trees that remember where every
 * value came from, so a validation error names the file, line, column and key path
 * ({@link io.homeostat.engine.config.ConfigException}).
 */
package io.homeostat.engine.config;
