package io.homeostat.engine.alert.notify;

import java.util.List;
import java.util.Objects;

/**
 * Where and to whom the email channel sends. Immutable and thread-safe.
 *
 * @param host the SMTP server
 * @param port its port, 1..65535 (usually 25, 587 with STARTTLS)
 * @param from the sender address
 * @param to the recipients, at least one
 * @param startTls true to require STARTTLS before sending
 */
public record EmailSettings(String host, int port, String from, List<String> to, boolean startTls) {

    /** @throws IllegalArgumentException if a value is blank, out of range or not an address */
    public EmailSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
        requireAddress(from);
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("an email channel needs at least one recipient");
        }
        to.forEach(EmailSettings::requireAddress);
    }

    private static void requireAddress(String address) {
        Objects.requireNonNull(address, "address");
        int at = address.indexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.isBlank()) {
            throw new IllegalArgumentException("not an email address: " + address);
        }
    }
}
