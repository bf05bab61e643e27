package io.homeostat.engine.alert;

/** Where an alert stands. */
public enum AlertState {
    /** Firing and neither silenced nor inhibited: it may be notified. */
    FIRING,
    /** Firing, but a silence matches it. */
    SILENCED,
    /** Firing, but a critical alert upstream explains it. */
    INHIBITED,
    /** No longer firing. */
    RESOLVED
}
