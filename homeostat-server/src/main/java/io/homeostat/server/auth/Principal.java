package io.homeostat.server.auth;

import java.util.Objects;

/**
 * Who made a request: the name of the token presented and its role.
 *
 * @param name the token's name, e.g. {@code admin} or {@code ops-alice}
 * @param role its role
 */
public record Principal(String name, Role role) {

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** The actor as the audit trail names it: {@code token:<name>}. */
    public String actor() {
        return "token:" + name;
    }
}
