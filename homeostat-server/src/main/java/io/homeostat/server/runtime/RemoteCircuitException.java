package io.homeostat.server.runtime;

/**
 * The circuit is only known from the transitions a remote service reported: the server sees its
 * state but cannot command it (commands to remote breakers are not built yet).
 */
public final class RemoteCircuitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RemoteCircuitException(String name) {
        super("circuit '" + name + "' lives in a remote service; the server only sees its reported state");
    }
}
