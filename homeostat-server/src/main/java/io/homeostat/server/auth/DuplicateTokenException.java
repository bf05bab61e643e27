package io.homeostat.server.auth;

/** A token with that name exists already. */
public final class DuplicateTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DuplicateTokenException(String name) {
        super("a token named '" + name + "' exists already");
    }
}
