package io.homeostat.engine.execute.action;

import io.homeostat.engine.plan.RiskLevel;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * A webhook the {@code webhook} action may call, configured by operators (a workflow names the
 * target, never a URL). Immutable.
 *
 * @param name what steps call it by
 * @param url http or https
 * @param secret the HMAC-SHA256 key; at least 16 characters
 * @param risk the risk of calling it (a scale hook is medium, a restart hook high)
 * @param timeout how long to wait for the answer
 */
public record WebhookTarget(String name, URI url, String secret, RiskLevel risk, Duration timeout) {

    public WebhookTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("url must be http or https, was " + url);
        }
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < 16) {
            throw new IllegalArgumentException("secret must have at least 16 characters");
        }
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    @Override
    public String toString() {
        return "WebhookTarget[" + name + " " + url + " " + risk + "]";
    }
}
