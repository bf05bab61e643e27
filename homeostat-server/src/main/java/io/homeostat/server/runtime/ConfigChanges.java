package io.homeostat.server.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What applying a {@link LoopConfig} changed, part by part, by name. Immutable and thread-safe.
 *
 * @param thresholdRules threshold rules added, removed and changed
 * @param trendRules prediction rules added, removed and changed
 * @param diagnosisRules diagnosis rules added, removed and changed
 * @param workflows workflows added, removed and changed
 * @param flags feature flags added, removed and changed
 * @param runsOnFormerWorkflow runs under way that finish with the definition they started with
 */
public record ConfigChanges(Diff thresholdRules, Diff trendRules, Diff diagnosisRules, Diff workflows, Diff flags,
        List<String> runsOnFormerWorkflow) {

    /**
     * Names added, removed and changed (present in both, not equal) from one set of named things
     * to another, each sorted. Immutable.
     */
    public record Diff(List<String> added, List<String> removed, List<String> changed) {

        /** Copies the lists. */
        public Diff {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        /** The difference from {@code before} to {@code after}, things named by {@code name}. */
        public static <T> Diff of(List<T> before, List<T> after, Function<T, String> name) {
            return of(index(before, name), index(after, name));
        }

        /** The difference from {@code before} to {@code after}, by key. */
        public static <T> Diff of(Map<String, T> before, Map<String, T> after) {
            TreeSet<String> added = new TreeSet<>();
            TreeSet<String> changed = new TreeSet<>();
            after.forEach((key, value) -> {
                if (!before.containsKey(key)) {
                    added.add(key);
                } else if (!Objects.equals(before.get(key), value)) {
                    changed.add(key);
                }
            });
            TreeSet<String> removed = new TreeSet<>(before.keySet());
            removed.removeAll(after.keySet());
            return new Diff(List.copyOf(added), List.copyOf(removed), List.copyOf(changed));
        }

        /** True if nothing was added, removed or changed. */
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }

        /** E.g. {@code +new-rule -old-rule ~error-rate}; empty text when empty. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            added.forEach(n -> parts.add("+" + n));
            removed.forEach(n -> parts.add("-" + n));
            changed.forEach(n -> parts.add("~" + n));
            return String.join(" ", parts);
        }

        private static <T> Map<String, T> index(List<T> things, Function<T, String> name) {
            Map<String, T> byName = new LinkedHashMap<>();
            things.forEach(t -> byName.put(name.apply(t), t));
            return byName;
        }
    }

    /** Copies the list. */
    public ConfigChanges {
        Objects.requireNonNull(thresholdRules, "thresholdRules");
        Objects.requireNonNull(trendRules, "trendRules");
        Objects.requireNonNull(diagnosisRules, "diagnosisRules");
        Objects.requireNonNull(workflows, "workflows");
        Objects.requireNonNull(flags, "flags");
        runsOnFormerWorkflow = List.copyOf(runsOnFormerWorkflow);
    }

    /** True if nothing changed. */
    public boolean isEmpty() {
        return parts().values().stream().allMatch(Diff::isEmpty);
    }

    /** Each part by its name in summaries and the API: threshold rules, trend rules, ... */
    public Map<String, Diff> parts() {
        Map<String, Diff> parts = new LinkedHashMap<>();
        parts.put("thresholdRules", thresholdRules);
        parts.put("trendRules", trendRules);
        parts.put("diagnosisRules", diagnosisRules);
        parts.put("workflows", workflows);
        parts.put("flags", flags);
        return parts;
    }

    /**
     * One line for people and the audit trail, e.g.
     * {@code threshold rules: ~error-rate; workflows: +drain; flags: ~previews}, or
     * {@code no changes}.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        add(parts, "threshold rules", thresholdRules);
        add(parts, "trend rules", trendRules);
        add(parts, "diagnosis rules", diagnosisRules);
        add(parts, "workflows", workflows);
        add(parts, "flags", flags);
        if (!runsOnFormerWorkflow.isEmpty()) {
            parts.add(runsOnFormerWorkflow.size() + " run(s) under way keep their former workflow");
        }
        return parts.isEmpty() ? "no changes" : String.join("; ", parts);
    }

    private static void add(List<String> parts, String name, Diff diff) {
        if (!diff.isEmpty()) {
            parts.add(name + ": " + diff.summary());
        }
    }
}
