package io.homeostat.engine.alert.notify;

import java.util.Map;
import java.util.Objects;

/**
 * A credential (an HMAC key, a routing key, a password) that never shows itself: {@code toString}
 * prints {@code ****}, so a secret inside a config record stays out of logs. Immutable and
 * thread-safe.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * A secret given in configuration.
     *
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value);
    }

    /**
     * The secret in environment variable {@code name} of this process.
     *
     * @throws MissingSecretException if the variable is unset or blank
     */
    public static Secret fromEnvironment(String name) {
        return fromEnvironment(name, System.getenv());
    }

    /**
     * The secret in variable {@code name} of {@code environment}.
     *
     * @throws MissingSecretException if the variable is unset or blank
     */
    public static Secret fromEnvironment(String name, Map<String, String> environment) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new MissingSecretException("environment variable " + name + " is not set");
        }
        return new Secret(value);
    }

    /** The secret itself; for the one place that uses it, never for printing. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "****";
    }
}
