package io.homeostat.engine.alert;

import java.util.Objects;

/**
 * A change to a silence holds in this process, but the {@link io.homeostat.engine.port.SilenceStore}
 * did not take it, so a restart will not see it: a silence made now is forgotten, one ended now
 * comes back until its end. The cause is the store's exception.
 */
public class SilenceNotStoredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Silence silence;

    public SilenceNotStoredException(String message, Silence silence, Throwable cause) {
        super(message, cause);
        this.silence = Objects.requireNonNull(silence, "silence");
    }

    /** The silence as it is in this process now: the one made, or the one ended. */
    public Silence silence() {
        return silence;
    }
}
