package io.homeostat.engine.diagnose;

import io.homeostat.engine.detect.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What is wrong, as far as the diagnoser can tell: the category and severity of an incident, its
 * probable causes ranked by confidence, the service where it most likely started, what it
 * touches, and why (the rules that fired on which evidence). Immutable and thread-safe.
 *
 * @param incidentId the incident diagnosed
 * @param category the category with the strongest evidence
 * @param confidence how sure the diagnoser is of the category, in [0, 1]; 0 if no rule fired
 * @param severity the incident's severity, raised to the least severity of the rules of the
 *     category that fired
 * @param causes most likely first; empty if no rule fired
 * @param rootService the service where the trouble most likely started ({@code rootCandidates}' first)
 * @param rootCandidates every failing service, most likely root first; never empty
 * @param impact what it touches
 * @param explanations the rules that fired, strongest first; empty if none did
 * @param classifierVersion the diagnoser's algorithm and the rule set's version, e.g. {@code diagnoser-1/default-1}
 * @param diagnosedAt when (the diagnoser's clock)
 */
public record Diagnosis(String incidentId, DiagnosisCategory category, double confidence, Severity severity,
        List<ProbableCause> causes, String rootService, List<RootCandidate> rootCandidates, Impact impact,
        List<Explanation> explanations, String classifierVersion, Instant diagnosedAt) {

    /** @throws IllegalArgumentException if a field is out of range or {@code rootService} is not the first candidate */
    public Diagnosis {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(category, "category");
        Confidence.require(confidence, "confidence");
        Objects.requireNonNull(severity, "severity");
        causes = List.copyOf(causes);
        rootCandidates = List.copyOf(rootCandidates);
        if (rootCandidates.isEmpty() || !rootCandidates.getFirst().service().equals(rootService)) {
            throw new IllegalArgumentException("rootService must be the first of the root candidates");
        }
        Objects.requireNonNull(impact, "impact");
        explanations = List.copyOf(explanations);
        Objects.requireNonNull(classifierVersion, "classifierVersion");
        Objects.requireNonNull(diagnosedAt, "diagnosedAt");
    }

    /** One sentence for people, e.g. {@code database (0.94) at db:primary: connection pool exhaustion (0.85), ...}. */
    public String summary() {
        String top = causes.stream().limit(3).map(c -> c.cause() + " (" + round(c.confidence()) + ")")
                .collect(Collectors.joining(", "));
        return category.label() + " (" + round(confidence) + ") at " + rootService
                + (top.isEmpty() ? ": no rule fired" : ": " + top);
    }

    /**
     * The diagnosis as flat evidence for the incident's timeline: {@code category}, {@code confidence},
     * {@code severity}, {@code rootService}, {@code causes}, {@code affectedServices},
     * {@code trafficShare}, {@code trafficBasis}, {@code rules}, {@code classifierVersion}.
     */
    public Map<String, String> evidence() {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("category", category.label());
        evidence.put("confidence", Double.toString(round(confidence)));
        evidence.put("severity", severity.name().toLowerCase(Locale.ROOT));
        evidence.put("rootService", rootService);
        evidence.put("causes", causes.stream().map(c -> c.cause() + "=" + round(c.confidence()))
                .collect(Collectors.joining("; ")));
        evidence.put("affectedServices", String.join(",", impact.affectedServices()));
        evidence.put("trafficShare", Double.toString(round(impact.trafficShare())));
        evidence.put("trafficBasis", impact.basis().name().toLowerCase(Locale.ROOT));
        evidence.put("rules", explanations.stream().map(Explanation::rule).collect(Collectors.joining(",")));
        evidence.put("classifierVersion", classifierVersion);
        return Map.copyOf(evidence);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
