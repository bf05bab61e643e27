package io.homeostat.engine.alert.notify;

/** A channel's secret is not configured (its message names where it was looked for, never a value). */
public final class MissingSecretException extends RuntimeException {

    public MissingSecretException(String message) {
        super(message);
    }
}
