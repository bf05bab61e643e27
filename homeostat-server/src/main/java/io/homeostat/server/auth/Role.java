package io.homeostat.server.auth;

import java.util.Locale;
import java.util.Optional;

/** What a token may do; each role may do everything the roles before it may. */
public enum Role {
    /** Reads everything. */
    VIEWER,
    /** Also ingests signals and acts: resets circuits, acknowledges and resolves alerts. */
    OPERATOR,
    /** Also creates API tokens. */
    ADMIN;

    /** True if this role may do what {@code required} may. */
    public boolean covers(Role required) {
        return compareTo(required) >= 0;
    }

    /** The role's wire name, lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code name} (lower case), if any. */
    public static Optional<Role> ofWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
