package io.homeostat.server.auth;

import java.time.Duration;
import java.util.Objects;

/** What became of a sign-in attempt. Immutable. */
public sealed interface SignIn {

    /** The token was valid: a session was created. */
    record SignedIn(Session session) implements SignIn {
        public SignedIn {
            Objects.requireNonNull(session, "session");
        }
    }

    /** The token was not valid; the failure was counted against the address. */
    record Refused() implements SignIn {}

    /** Too many failures from this address: nothing was checked; try again after {@code retryAfter}. */
    record Limited(Duration retryAfter) implements SignIn {
        public Limited {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
