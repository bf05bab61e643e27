/**
 * MONITOR stage: detectors turn signals into {@link io.homeostat.engine.detect.Detection}s, the
 * claims that something is off, with evidence and a confidence. The incident layer (ANALYZE)
 * consumes them; nothing here knows about incidents.
 */
package io.homeostat.engine.detect;
