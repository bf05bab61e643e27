package io.homeostat.server.auth;

/** Revoking the only admin token is refused: nobody could make tokens after it. */
public final class LastAdminTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LastAdminTokenException(String name) {
        super("'" + name + "' is the only admin token: make another admin token before revoking it");
    }
}
