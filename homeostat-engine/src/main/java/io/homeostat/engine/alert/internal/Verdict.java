package io.homeostat.engine.alert.internal;

import io.homeostat.engine.alert.AlertState;

/** An alert's state at one instant and what mutes it (a silence id or an upstream service). */
record Verdict(AlertState state, String mutedBy) {}
