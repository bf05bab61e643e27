/**
 * Internals shared by several stages of the loop (detection, diagnosis, planning): the glob that
 * matches service names, and the range checks of values read from rule and workflow files. Not a
 * public API.
 */
package io.homeostat.engine.internal;
