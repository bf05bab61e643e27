package io.homeostat.engine.diagnose;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.rule.Cause;
import io.homeostat.engine.diagnose.rule.DiagnosisRule;
import io.homeostat.engine.diagnose.rule.RuleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the rules over an incident's facts. A rule counts once however many facts it fires on
 * (repeated evidence of one kind is not independent evidence): with its confidence if it fired
 * on the suspected root service, else times the symptom weight. Categories and causes combine
 * the rules that name them by {@link Confidence#combine noisy-or}. Stateless.
 */
final class Classification {

    /** What the rules said. */
    record Result(DiagnosisCategory category, double confidence, Severity severity, List<ProbableCause> causes,
            List<Explanation> explanations) {}

    private Classification() {}

    static Result classify(RuleSet rules, Map<String, List<Fact>> facts, String root, Severity base,
            DiagnoserConfig config) {
        List<Explanation> explanations = new ArrayList<>();
        Map<DiagnosisRule, Explanation> fired = new LinkedHashMap<>();
        for (DiagnosisRule rule : rules.rules()) {
            fire(rule, facts, root, config).ifPresent(e -> fired.put(rule, e));
        }
        explanations.addAll(fired.values());
        explanations.sort(Comparator.comparingDouble(Explanation::weight).reversed());
        if (fired.isEmpty()) {
            return new Result(DiagnosisCategory.INTEGRATION, 0, base, List.of(), List.of());
        }
        Map<DiagnosisCategory, Double> scores = new EnumMap<>(DiagnosisCategory.class);
        fired.forEach((rule, why) -> scores.merge(rule.category(), why.weight(), Confidence::and));
        DiagnosisCategory category = scores.entrySet().stream()
                .max(Map.Entry.<DiagnosisCategory, Double>comparingByValue()).orElseThrow().getKey();
        Severity severity = base;
        for (DiagnosisRule rule : fired.keySet()) {
            if (rule.category() == category) {
                severity = severity.max(rule.severity());
            }
        }
        return new Result(category, scores.get(category), severity, causes(fired, config), List.copyOf(explanations));
    }

    private static Optional<Explanation> fire(DiagnosisRule rule, Map<String, List<Fact>> facts, String root,
            DiagnoserConfig config) {
        int matches = 0;
        boolean onRoot = false;
        Set<String> services = new LinkedHashSet<>();
        List<String> evidence = new ArrayList<>();
        List<String> rootEvidence = new ArrayList<>();
        for (Map.Entry<String, List<Fact>> entry : facts.entrySet()) {
            for (Fact fact : entry.getValue()) {
                Optional<List<String>> reasons = rule.match(fact);
                if (reasons.isEmpty()) {
                    continue;
                }
                matches++;
                services.add(fact.service());
                String quote = fact.describe() + ": " + String.join(", ", reasons.get());
                boolean isRoot = fact.service().equals(root);
                onRoot |= isRoot;
                List<String> into = isRoot ? rootEvidence : evidence;
                if (into.size() < config.evidencePerRule()) {
                    into.add(quote);
                }
            }
        }
        if (matches == 0) {
            return Optional.empty();
        }
        rootEvidence.addAll(evidence);
        List<String> quoted = rootEvidence.subList(0, Math.min(config.evidencePerRule(), rootEvidence.size()));
        double weight = rule.confidence() * (onRoot ? 1 : config.symptomWeight());
        return Optional.of(new Explanation(rule.name(), rule.category(), weight, onRoot, matches, services, quoted));
    }

    private static List<ProbableCause> causes(Map<DiagnosisRule, Explanation> fired, DiagnoserConfig config) {
        record Named(String cause, DiagnosisCategory category, double confidence, List<String> rules) {}
        Map<String, Named> byName = new LinkedHashMap<>();
        for (Map.Entry<DiagnosisRule, Explanation> entry : fired.entrySet()) {
            DiagnosisRule rule = entry.getKey();
            double scale = entry.getValue().onRoot() ? 1 : config.symptomWeight();
            for (Cause cause : rule.causes()) {
                double confidence = cause.confidence() * scale;
                String key = cause.name().toLowerCase(Locale.ROOT);
                Named earlier = byName.get(key);
                if (earlier == null) {
                    byName.put(key, new Named(cause.name(), rule.category(), confidence, new ArrayList<>(List.of(rule.name()))));
                } else {
                    earlier.rules().add(rule.name());
                    DiagnosisCategory category = confidence > earlier.confidence() ? rule.category() : earlier.category();
                    byName.put(key, new Named(earlier.cause(), category,
                            Confidence.and(earlier.confidence(), confidence), earlier.rules()));
                }
            }
        }
        return byName.values().stream()
                .sorted(Comparator.comparingDouble(Named::confidence).reversed())
                .limit(config.maxCauses())
                .map(n -> new ProbableCause(n.cause(), n.category(), n.confidence(), n.rules()))
                .toList();
    }
}
