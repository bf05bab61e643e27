package io.homeostat.server.runtime;

/** No circuit breaker of that name is known to the server. */
public final class UnknownCircuitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownCircuitException(String name) {
        super("no circuit named '" + name + "'");
    }
}
