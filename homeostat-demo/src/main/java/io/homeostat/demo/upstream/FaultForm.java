package io.homeostat.demo.upstream;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads fault controls from a form body ({@code latencyMs=800&errorRate=0.3&outage=true&refusing=true
 * &leakMbPerSecond=20&flapMs=3000}): each key given changes that fault, the others stay. Stateless.
 */
final class FaultForm {

    private FaultForm() {
    }

    /**
     * {@code current} changed by the keys of {@code body}.
     *
     * @throws IllegalArgumentException naming the key if a key is unknown or a value is invalid
     */
    static FaultState apply(FaultState current, String body) {
        FaultState next = current;
        if (body.isBlank()) {
            return next;
        }
        for (String pair : body.strip().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, was '" + pair + "'");
            }
            String key = pair.substring(0, eq);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            try {
                next = switch (key) {
                    case "latencyMs" -> next.withLatency(Duration.ofMillis(Long.parseLong(value)));
                    case "errorRate" -> next.withErrorRate(Double.parseDouble(value));
                    case "outage" -> next.withOutage(bool(value));
                    case "refusing" -> next.withRefusing(bool(value));
                    case "leakMbPerSecond" -> next.withLeak(Double.parseDouble(value));
                    case "flapMs" -> next.withFlapping(Duration.ofMillis(Long.parseLong(value)));
                    default -> throw new IllegalArgumentException("unknown fault '" + key
                            + "' (known: latencyMs, errorRate, outage, refusing, leakMbPerSecond, flapMs)");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": not a number: '" + value + "'");
            }
        }
        return next;
    }

    private static boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, was '" + value + "'");
        };
    }
}
