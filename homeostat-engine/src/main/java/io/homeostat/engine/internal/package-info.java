/**
 * Internals shared by several stages of the loop (detection, diagnosis, planning), such as the
 * glob that matches service names. Not a public API.
 */
package io.homeostat.engine.internal;
