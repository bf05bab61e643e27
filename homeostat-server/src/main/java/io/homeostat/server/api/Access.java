package io.homeostat.server.api;

import io.homeostat.server.auth.Role;
import java.util.Optional;

/** Who may call a route: anyone, or a token of at least some role. */
public enum Access {
    /** No token needed: liveness and the API description. */
    PUBLIC(null),
    VIEWER(Role.VIEWER),
    OPERATOR(Role.OPERATOR),
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The least role needed; empty for {@link #PUBLIC}. */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }
}
