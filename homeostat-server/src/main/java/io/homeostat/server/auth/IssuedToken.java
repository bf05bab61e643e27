package io.homeostat.server.auth;

import java.util.Objects;

/**
 * A token just created: the secret is shown this once and never stored.
 *
 * @param name the token's name
 * @param role its role
 * @param secret the bearer secret to present in {@code Authorization: Bearer <secret>}
 */
public record IssuedToken(String name, Role role, String secret) {

    public IssuedToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedToken[name=" + name + ", role=" + role + ", secret=<hidden>]";
    }
}
