package io.homeostat.core.control;

/** A control request named a guard, route, cache, probe or feature the kernel control does not know. */
public final class UnknownControlTargetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param kind what was asked for ({@code guard}, {@code route}, ...), @param name its name */
    public UnknownControlTargetException(String kind, String name) {
        super("no " + kind + " named '" + name + "'");
    }
}
