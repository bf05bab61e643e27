package io.homeostat.server.runtime;

import io.homeostat.core.degrade.FeatureOverride;
import io.homeostat.core.degrade.FeatureToggles;
import io.homeostat.engine.detect.DetectorChain;
import io.homeostat.engine.detect.SeriesDetector;
import io.homeostat.engine.detect.threshold.ThresholdDetector;
import io.homeostat.engine.detect.threshold.ThresholdRule;
import io.homeostat.engine.detect.trend.TrendDetector;
import io.homeostat.engine.detect.trend.TrendRule;
import io.homeostat.engine.diagnose.rule.DiagnosisRule;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.engine.plan.WorkflowCatalog;
import io.homeostat.server.runtime.ConfigChanges.Diff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link LoopConfig} to a running {@link ControlLoop} without losing its state:
 *
 * <ul>
 *   <li><b>Workflows</b> replace the previous configuration's in the orchestrator's catalog
 *       (those an embedding application added stay); a run under way finishes with the definition
 *       it started with, new runs use the new one.</li>
 *   <li><b>Threshold and trend rules</b> replace those of the standard chain's threshold and trend
 *       detectors on the chain's own thread, before the next signal: the baselines, the anomaly
 *       detector and the state of every rule that did not change go on.</li>
 *   <li><b>Diagnosis rules</b> serve the next diagnosis.</li>
 *   <li><b>Flags</b> that are new or changed are defined in the loop's {@link FeatureToggles} (the
 *       level they stay on through); {@code enabled: false} forces the feature off with the reason
 *       {@value #FILE_REASON}; {@code enabled: true}, or a flag removed from the file, clears an
 *       override only if the file made it. A flag the file did not change is left alone, so a
 *       person's override outlives a reload; a removed flag stays registered.</li>
 * </ul>
 *
 * Open incidents, breakers, the degradation level, learned effectiveness, limits and cooldowns are
 * not touched. Workflows are checked first (an unknown action or a name an embedding application
 * uses): when they are refused nothing changes. Thread-safe: applications are serialised.
 */
public final class Reconfigurer {

    /** The reason of an override the configuration file made: {@value}. */
    public static final String FILE_REASON = "homeostat.yaml: enabled: false";

    private static final Logger LOG = LoggerFactory.getLogger(Reconfigurer.class);

    private final ControlLoop loop;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile LoopConfig current;

    private Reconfigurer(ControlLoop loop) {
        this.loop = loop;
        this.current = LoopConfig.defaults();
    }

    /**
     * A reconfigurer of {@code loop}, which runs the shipped defaults, with {@code initial} applied.
     *
     * @throws IllegalArgumentException if a workflow of {@code initial} names an unknown action or
     *     repeats a name the loop's embedding application uses (nothing is applied)
     * @throws NullPointerException if an argument is null
     */
    public static Reconfigurer start(ControlLoop loop, LoopConfig initial) {
        Reconfigurer reconfigurer = new Reconfigurer(Objects.requireNonNull(loop, "loop"));
        reconfigurer.apply(initial);
        return reconfigurer;
    }

    /** The configuration applied last (the defaults' parts where the file has none). */
    public LoopConfig current() {
        return current;
    }

    /**
     * Applies {@code next}: see the class comment.
     *
     * @return what changed
     * @throws IllegalArgumentException if a workflow names an unknown action or repeats a name the
     *     embedding application uses; nothing changed then
     * @throws NullPointerException if {@code next} is null
     */
    public ConfigChanges apply(LoopConfig next) {
        Objects.requireNonNull(next, "next");
        lock.lock();
        try {
            LoopConfig before = current;
            ConfigChanges changes = new ConfigChanges(
                    Diff.of(before.thresholdRules(), next.thresholdRules(), ThresholdRule::name),
                    Diff.of(before.trendRules(), next.trendRules(), TrendRule::name),
                    // Rules with a regex have no equals of their own: compare them as written.
                    Diff.of(byText(before.diagnosisRules().rules()), byText(next.diagnosisRules().rules())),
                    Diff.of(before.workflows(), next.workflows(), Workflow::name),
                    Diff.of(before.flags(), next.flags()),
                    List.of());
            List<String> kept = List.of();
            if (!changes.workflows().isEmpty()) {
                kept = loop.recovery().replaceWorkflows(catalog(before, next));
            }
            if (!changes.diagnosisRules().isEmpty()
                    || !before.diagnosisRules().version().equals(next.diagnosisRules().version())) {
                loop.diagnosis().diagnoser().replaceRules(next.diagnosisRules());
            }
            if (!before.thresholdRules().equals(next.thresholdRules()) || !before.trendRules().equals(next.trendRules())) {
                replaceDetectionRules(next);
            }
            applyFlags(before, next);
            current = next;
            return new ConfigChanges(changes.thresholdRules(), changes.trendRules(), changes.diagnosisRules(),
                    changes.workflows(), changes.flags(), kept);
        } finally {
            lock.unlock();
        }
    }

    private WorkflowCatalog catalog(LoopConfig before, LoopConfig next) {
        List<Workflow> all = new ArrayList<>();
        for (Workflow workflow : loop.recovery().workflows().workflows()) {
            if (before.workflows().stream().noneMatch(w -> w.name().equals(workflow.name()))) {
                all.add(workflow);
            }
        }
        for (Workflow workflow : next.workflows()) {
            if (all.stream().anyMatch(w -> w.name().equals(workflow.name()))) {
                throw new IllegalArgumentException("workflow '" + workflow.name()
                        + "' is already added by the application embedding the server; choose another name");
            }
            all.add(workflow);
        }
        return WorkflowCatalog.of(all);
    }

    private void replaceDetectionRules(LoopConfig next) {
        DetectorChain chain = loop.chain();
        Optional<ThresholdDetector> threshold = first(chain, ThresholdDetector.class);
        Optional<TrendDetector> trend = first(chain, TrendDetector.class);
        // Two changes, so that one detector refusing its rules does not keep the other's back;
        // a refusal shows in the log (the file was validated, so it means a bug).
        threshold.ifPresent(d -> chain.update(() -> d.replaceRules(next.thresholdRules()))
                .whenComplete((ok, failure) -> logFailure("threshold", failure)));
        trend.ifPresent(d -> chain.update(() -> d.replaceRules(next.trendRules()))
                .whenComplete((ok, failure) -> logFailure("trend", failure)));
    }

    private static void logFailure(String rules, Throwable failure) {
        if (failure != null) {
            LOG.error("the detector refused the reloaded {} rules; the former ones stay in effect", rules, failure);
        }
    }

    /** The standard chain's own detector of a type: the first (an embedding application's come after). */
    private static <T> Optional<T> first(DetectorChain chain, Class<T> type) {
        for (SeriesDetector detector : chain.seriesDetectors()) {
            if (type.isInstance(detector)) {
                return Optional.of(type.cast(detector));
            }
        }
        return Optional.empty();
    }

    private void applyFlags(LoopConfig before, LoopConfig next) {
        FeatureToggles toggles = loop.toggles();
        next.flags().forEach((name, setting) -> {
            if (setting.equals(before.flags().get(name))) {
                return;
            }
            toggles.define(name, setting.onThrough());
            FlagSetting former = before.flags().get(name);
            boolean stillOff = former != null && !former.enabled();
            boolean personsOverride = toggles.override(name).filter(o -> !o.reason().equals(FILE_REASON)).isPresent();
            if (!setting.enabled()) {
                if (!(stillOff && personsOverride)) { // a person's override outlives a change of on_through
                    toggles.forceOff(name, FILE_REASON);
                }
            } else {
                clearFileOverride(toggles, name);
            }
        });
        before.flags().keySet().stream().filter(name -> !next.flags().containsKey(name))
                .forEach(name -> clearFileOverride(toggles, name));
    }

    private static void clearFileOverride(FeatureToggles toggles, String name) {
        Optional<FeatureOverride> override = toggles.override(name);
        if (override.isPresent() && override.get().reason().equals(FILE_REASON)) {
            toggles.clearOverride(name, "homeostat.yaml no longer forces it off");
        }
    }

    private static Map<String, String> byText(List<DiagnosisRule> rules) {
        Map<String, String> byName = new LinkedHashMap<>();
        rules.forEach(rule -> byName.put(rule.name(), rule.toString()));
        return byName;
    }
}
