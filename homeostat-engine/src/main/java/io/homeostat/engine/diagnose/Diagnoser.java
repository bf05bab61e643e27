package io.homeostat.engine.diagnose;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.diagnose.rule.RuleSet;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentTracker;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Diagnoses incidents: from the incident's detections and the recent facts of trouble of its
 * services ({@link RecentSignals}), it ranks the failing services as the root
 * ({@link RootCandidate}), runs the {@linkplain RuleSet rules} over the facts
 * ({@link Explanation}), and assesses the {@link Impact}.
 *
 * <p>The failing services are the incident's, its detections', and every service they depend on
 * (directly or not, in the current dependency graph) whose failure episode is under way in
 * {@link RecentSignals}: a database that fails without a detection of its own is still a root
 * candidate for the callers that failed with it.
 *
 * <p>Thread-safe: it keeps no state of its own besides its rules, which {@link #replaceRules}
 * swaps whole (a diagnosis runs on one rule set); the graph is read once per diagnosis.
 */
public final class Diagnoser {

    /** The version of the algorithm; with the rule set's, the diagnosis's classifier version: {@value}. */
    public static final String ALGORITHM = "diagnoser-1";

    private volatile RuleSet rules;
    private final RecentSignals signals;
    private final Supplier<DependencyGraph> graph;
    private final Clock clock;
    private final DiagnoserConfig config;

    Diagnoser(RuleSet rules, RecentSignals signals, Supplier<DependencyGraph> graph, Clock clock, DiagnoserConfig config) {
        this.rules = rules;
        this.signals = signals;
        this.graph = graph;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A builder using {@code rules}; defaults: no recent signals (detections only), an empty
     * dependency graph, the system clock, {@link DiagnoserConfig#ofDefaults()}.
     */
    public static DiagnoserBuilder builder(RuleSet rules) {
        return new DiagnoserBuilder(Objects.requireNonNull(rules, "rules"));
    }

    /**
     * Diagnoses {@code incident}. Cleared detections are ignored.
     *
     * @param detections the incident's detections (see {@link IncidentDetections}); may be empty
     * @throws NullPointerException if an argument is null
     */
    public Diagnosis diagnose(Incident incident, Collection<Detection> detections) {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(detections, "detections");
        DependencyGraph current = graph.get();
        List<Detection> firing = detections.stream().filter(Detection::firing).toList();
        Set<String> failing = new LinkedHashSet<>(incident.services());
        firing.forEach(d -> failing.add(d.service()));
        addFailingUpstream(failing, current);

        Map<String, List<Fact>> facts = new LinkedHashMap<>();
        Map<String, Instant> starts = new LinkedHashMap<>();
        for (String service : failing) {
            List<Fact> serviceFacts = new ArrayList<>(signals == null ? List.of() : signals.facts(service));
            firing.stream().filter(d -> d.service().equals(service)).map(Fact::of).forEach(serviceFacts::add);
            facts.put(service, serviceFacts);
            Instant start = serviceFacts.stream().map(Fact::time).min(Instant::compareTo).orElse(Instant.MAX);
            if (signals != null) {
                Instant episode = signals.failingSince(service).orElse(Instant.MAX);
                start = episode.isBefore(start) ? episode : start;
            }
            start = start.equals(Instant.MAX) ? incident.openedAt() : start;
            starts.put(service, start);
        }
        List<RootCandidate> candidates = RootRanking.rank(starts, current);
        String root = candidates.getFirst().service();
        RuleSet set = rules;
        Classification.Result result = Classification.classify(set, facts, root, incident.severity(), config);
        Impact impact = ImpactAssessment.assess(root, failing, current, signals);
        return new Diagnosis(incident.id(), result.category(), result.confidence(), result.severity(), result.causes(),
                root, candidates, impact, result.explanations(), ALGORITHM + "/" + set.version(),
                Instant.ofEpochMilli(clock.wallMillis()));
    }

    /**
     * Diagnoses the tracker's current state of {@code incident} (its services and severity may
     * have grown since the caller's copy was taken) and records it through
     * {@link IncidentTracker#diagnose}: the
     * incident moves to DIAGNOSED with the diagnosis's summary as the reason and its
     * {@linkplain Diagnosis#evidence() evidence} on the timeline.
     *
     * @return the diagnosis recorded
     * @throws io.homeostat.engine.incident.IncidentNotFoundException if the tracker does not know the incident
     * @throws io.homeostat.engine.incident.IllegalIncidentTransitionException if the incident cannot be
     *     diagnosed in its state (only OPEN and REMEDIATING incidents can)
     */
    public Diagnosis apply(IncidentTracker tracker, Incident incident, Collection<Detection> detections) {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(incident, "incident");
        Incident current = tracker.active().stream().filter(i -> i.id().equals(incident.id())).findFirst()
                .orElse(incident);
        Diagnosis diagnosis = diagnose(current, detections);
        tracker.diagnose(incident.id(), diagnosis.summary(), diagnosis.evidence());
        return diagnosis;
    }

    /** {@value #ALGORITHM}{@code /<rule set version>}. */
    public String classifierVersion() {
        return ALGORITHM + "/" + rules.version();
    }

    /** The rules in use. */
    public RuleSet rules() {
        return rules;
    }

    /**
     * Diagnoses with {@code replacement} from the next diagnosis on (a diagnosis under way finishes
     * with the rules it began with); diagnoses already made keep their classifier version.
     *
     * @throws NullPointerException if {@code replacement} is null
     */
    public void replaceRules(RuleSet replacement) {
        this.rules = Objects.requireNonNull(replacement, "replacement");
    }

    private void addFailingUpstream(Set<String> failing, DependencyGraph current) {
        if (signals == null) {
            return;
        }
        ArrayDeque<String> queue = new ArrayDeque<>(failing);
        Set<String> seen = new LinkedHashSet<>(failing);
        while (!queue.isEmpty()) {
            for (String dependency : current.dependenciesOf(queue.poll())) {
                if (seen.add(dependency)) {
                    queue.add(dependency);
                    if (signals.failingSince(dependency).isPresent()) {
                        failing.add(dependency);
                    }
                }
            }
        }
    }
}
