package io.homeostat.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * A browser's signed-in session: the principal of the API token it signed in with and the CSRF
 * token its page must send (header {@value BrowserSessions#CSRF_HEADER}) on every mutating call.
 * Immutable.
 *
 * @param id the session cookie's value (256 random bits, URL-safe Base64)
 * @param principal who signed in
 * @param csrfToken the CSRF token (256 random bits, URL-safe Base64)
 * @param expiresAt when it ends, on the server's clock
 * @param expiresAtNanos the same moment on the server's monotonic clock
 */
public record Session(String id, Principal principal, String csrfToken, Instant expiresAt, long expiresAtNanos) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True if {@code presented} (may be null) is this session's CSRF token; compared in constant time. */
    public boolean acceptsCsrf(String presented) {
        return presented != null && MessageDigest.isEqual(
                csrfToken.getBytes(StandardCharsets.UTF_8), presented.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Session[" + principal + ", expiresAt=" + expiresAt + "]";
    }
}
