package io.homeostat.engine.detect;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A detector's claim that something is off, or that it no longer is, with its evidence. Immutable
 * and thread-safe.
 *
 * <p>The incident layer joins detections by {@linkplain #fingerprintKey() fingerprint}: service,
 * category and signature. A detector keeps the signature stable for as long as the same problem
 * lasts (a rule's name, {@code anomaly}, {@code trend>0.9}), so repeated detections of one problem
 * land in one incident.
 *
 * @param id unique per detection
 * @param detector the detector that made the claim, e.g. {@code threshold}, {@code anomaly}
 * @param kind what sort of claim it is
 * @param status {@link Status#FIRING} while the condition holds, {@link Status#CLEARED} once it no
 *     longer does (a cleared detection carries the signature it clears)
 * @param series the series the claim is about
 * @param category the problem's category, e.g. {@code errors}, {@code latency}, {@code resource},
 *     {@code availability}, or an error category such as {@code timeout}
 * @param signature what distinguishes this problem from others of the same category on the
 *     same service
 * @param severity how much it matters
 * @param confidence how sure the detector is, in [0, 1]
 * @param summary one sentence for people, e.g. "memory will reach 90 % in ~8 min"
 * @param evidence what the claim rests on (observed value, threshold, score, window), never null
 * @param time when the detector made the claim (wall time of the injected clock)
 */
public record Detection(
        String id,
        String detector,
        Kind kind,
        Status status,
        SeriesKey series,
        String category,
        String signature,
        Severity severity,
        double confidence,
        String summary,
        Map<String, String> evidence,
        Instant time) {

    /** What sort of claim a detection is. */
    public enum Kind {
        /** A value crossed a configured threshold for its {@code for} duration. */
        THRESHOLD,
        /** A value is statistically unusual for its series. */
        ANOMALY,
        /** A trend will cross a threshold soon (time to breach). */
        PREDICTION,
        /** A recurring failure signature or temporal pattern. */
        PATTERN,
        /** A discrete event worth a look: a circuit opened, a health check failed. */
        EVENT
    }

    /** Whether the condition holds or has cleared. */
    public enum Status {
        FIRING,
        CLEARED
    }

    public Detection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(severity, "severity");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
        Objects.requireNonNull(summary, "summary");
        evidence = evidence == null || evidence.isEmpty() ? Map.of() : Map.copyOf(evidence);
        Objects.requireNonNull(time, "time");
    }

    /** The service the claim is about. */
    public String service() {
        return series.service();
    }

    /** True while the condition holds. */
    public boolean firing() {
        return status == Status.FIRING;
    }

    /** {@code service|category|signature}: detections with one key belong to one problem. */
    public String fingerprintKey() {
        return series.service() + '|' + category + '|' + signature;
    }
}
