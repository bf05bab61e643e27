package io.homeostat.engine.diagnose;

/**
 * How the {@link Diagnoser} weighs and reports evidence. Immutable; validated on creation
 * (rejects, never clamps).
 *
 * <p>Knobs left out, and why: the root-ranking weights (0.6 for dependents, 0.4 for time; one
 * fixed rule people can check by hand in an explanation), a minimum number of matching facts per
 * rule (a rule counts once however often it fires, so repetition cannot inflate it; a noisy rule
 * is better fixed in the rule file), per-category weights (a rule's confidence is its weight), and
 * decay of older evidence (the window of {@link RecentSignals} bounds age instead).
 *
 * @param symptomWeight what a rule that fired only on services other than the suspected root
 *     counts for, as a share of its confidence, in [0, 1]: their failures are likely symptoms of
 *     the root's; default 0.5
 * @param maxCauses the most probable causes a diagnosis lists; default 5
 * @param evidencePerRule the most facts an explanation quotes; default 3
 */
public record DiagnoserConfig(double symptomWeight, int maxCauses, int evidencePerRule) {

    /** @throws IllegalArgumentException if the weight is outside [0, 1] or a count is below 1 */
    public DiagnoserConfig {
        Confidence.require(symptomWeight, "symptomWeight");
        if (maxCauses < 1) {
            throw new IllegalArgumentException("maxCauses must be at least 1, was " + maxCauses);
        }
        if (evidencePerRule < 1) {
            throw new IllegalArgumentException("evidencePerRule must be at least 1, was " + evidencePerRule);
        }
    }

    /** The defaults: symptom weight 0.5, 5 causes, 3 facts per explanation. */
    public static DiagnoserConfig ofDefaults() {
        return new DiagnoserConfig(0.5, 5, 3);
    }

    /** This config with another {@code symptomWeight}. */
    public DiagnoserConfig withSymptomWeight(double symptomWeight) {
        return new DiagnoserConfig(symptomWeight, maxCauses, evidencePerRule);
    }
}
