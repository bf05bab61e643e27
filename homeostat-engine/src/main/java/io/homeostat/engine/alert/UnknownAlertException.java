package io.homeostat.engine.alert;

/** No alert has the given fingerprint (never reported, or resolved and forgotten). */
public final class UnknownAlertException extends RuntimeException {

    public UnknownAlertException(String fingerprint) {
        super("no alert with fingerprint " + fingerprint);
    }
}
