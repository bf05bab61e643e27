package io.homeostat.engine.detect.pattern;

import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Detector;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.port.PatternStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Recognises patterns in failures: {@link PatternKind#RECURRING recurring} signatures,
 * {@link PatternKind#TEMPORAL time-of-day} regularities and {@link PatternKind#CO_OCCURRENCE
 * co-occurrences} across services. It reads {@link FailureEvent} signals (signature: error
 * category and type) and firing detections from other detectors (signature: category and
 * detection signature), groups each signature's failures into episodes
 * ({@link PatternDetectorConfig#episodeGap()}), and looks for patterns each time an episode
 * starts. When a pattern is recognised, and at each later episode of it, it emits one
 * {@link Detection.Kind#PATTERN} detection (severity LOW, confidence the pattern's) and saves the
 * pattern to its {@link PatternStore}, if it has one.
 *
 * <p>A pattern detection is said once per episode and never repeated nor cleared, unlike the
 * series detectors' ({@link io.homeostat.engine.detect.RepeatingDetector}): it tells of an event
 * (this failure has happened before, at this time of day, with that service), not of a condition
 * that lasts. The condition is the failure itself, which its own detections (a threshold rule, an
 * anomaly, a circuit) keep telling while it goes on; the pattern detection joins their incident,
 * and an incident it opened alone resolves after the hold period, as nothing is wrong then.
 *
 * <p>Time comes from the signals and detections themselves. Memory is bounded: at most
 * {@link PatternDetectorConfig#maxSignatures()} signatures and as many service pairs, each
 * keeping at most 128 episode starts, and as many patterns; the least recently seen go first.
 *
 * <p>Feeding ({@code observe}) is not thread-safe: one thread feeds the detector, as the engine
 * does. Reading patterns and recommendations is thread-safe from any thread.
 */
public final class PatternDetector implements Detector {

    /** The detector's name, in every detection it makes. */
    public static final String NAME = "pattern";

    private static final int MAX_RECENT = 256;
    private static final Comparator<Pattern> LATEST =
            Comparator.comparing(Pattern::lastSeen).reversed().thenComparing(Pattern::signature);

    private record FailureKey(String service, String category, String failure) {}

    private record Start(String service, Instant time) {}

    private final PatternDetectorConfig config;
    private final Optional<PatternStore> store;
    private final Supplier<DependencyGraph> graph;
    private final Map<FailureKey, Episodes> histories;
    private final Map<String, Episodes> pairs;
    private final ArrayDeque<Start> recent = new ArrayDeque<>();
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private PatternDetector(PatternDetectorConfig config, Optional<PatternStore> store, Supplier<DependencyGraph> graph) {
        this.config = config;
        this.store = store;
        this.graph = graph;
        this.histories = lru(config.maxSignatures());
        this.pairs = lru(config.maxSignatures());
        store.ifPresent(s -> s.list(Math.min(config.maxSignatures(), PatternStore.MAX_LIMIT))
                .forEach(p -> patterns.put(p.signature(), p)));
    }

    /** A detector with {@code config}, no store and no dependency graph. */
    public static PatternDetector create(PatternDetectorConfig config) {
        return builder().config(config).build();
    }

    /** A builder; defaults: {@link PatternDetectorConfig#ofDefaults()}, no store, an empty graph. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Takes a {@link FailureEvent}; other signals are ignored. */
    @Override
    public void observe(Signal signal, Consumer<Detection> sink) {
        if (signal instanceof FailureEvent failure) {
            String category = failure.category().label();
            occur(new FailureKey(failure.service(), category, category + ":" + failure.errorType()),
                    failure.time(), sink);
        }
    }

    /** Takes a firing detection of another detector; cleared and pattern detections are ignored. */
    public void observe(Detection detection, Consumer<Detection> sink) {
        if (detection.firing() && detection.kind() != Detection.Kind.PATTERN) {
            occur(new FailureKey(detection.service(), detection.category(),
                    detection.category() + ":" + detection.signature()), detection.time(), sink);
        }
    }

    /** Every recognised pattern, the most recently seen first (ties: signature order). */
    public List<Pattern> patterns() {
        return patterns.values().stream().sorted(LATEST).toList();
    }

    /** The pattern with that signature, if recognised. */
    public Optional<Pattern> pattern(String signature) {
        return Optional.ofNullable(patterns.get(signature));
    }

    /** What to do about {@code service}: one recommendation per pattern involving it, most confident first. */
    public List<Recommendation> recommendations(String service) {
        return patterns.values().stream().filter(p -> p.involves(service))
                .sorted(Comparator.comparingDouble(Pattern::confidence).reversed().thenComparing(Pattern::signature))
                .map(p -> Recommendation.of(service, p)).toList();
    }

    /**
     * Failure signatures currently tracked; never more than {@link PatternDetectorConfig#maxSignatures()}.
     * Call it from the feeding thread.
     */
    public int trackedSignatures() {
        return histories.size();
    }

    /** The configuration in use. */
    public PatternDetectorConfig config() {
        return config;
    }

    private void occur(FailureKey key, Instant time, Consumer<Detection> sink) {
        Episodes episodes = histories.computeIfAbsent(key, k -> new Episodes());
        if (!episodes.record(time, config.episodeGap())) {
            return;
        }
        recurring(key, episodes, time, sink);
        temporal(key, episodes, time, sink);
        coOccurring(key.service(), time, sink);
    }

    private void recurring(FailureKey key, Episodes episodes, Instant time, Consumer<Detection> sink) {
        int inWindow = episodes.since(time.minus(config.window()));
        if (inWindow < config.minOccurrences()) {
            return;
        }
        PatternAdvice.Advice advice = PatternAdvice.recurring(key.category());
        Pattern pattern = new Pattern("recurring|" + key.service() + "|" + key.failure(), PatternKind.RECURRING,
                Set.of(key.service()), key.failure() + " on " + key.service() + " recurs: " + inWindow
                        + " episodes within " + human(config.window()),
                advice.cause(), advice.action(), episodes.total(), episodes.firstSeen(), time,
                growing(inWindow, config.minOccurrences()));
        recognise(pattern, key.service(), "recurring:" + key.failure(), sink);
    }

    private void temporal(FailureKey key, Episodes episodes, Instant time, Consumer<Detection> sink) {
        Optional<DailyCluster> found = DailyCluster.around(time, episodes.starts(), config.temporalLookback(),
                config.temporalTolerance(), config.zone());
        if (found.isEmpty() || found.get().days() < config.minDays()) {
            return;
        }
        DailyCluster cluster = found.get();
        PatternAdvice.Advice advice = PatternAdvice.temporal(key.category(), cluster.clock(), zoneName());
        Pattern pattern = new Pattern("temporal|" + key.service() + "|" + key.failure(), PatternKind.TEMPORAL,
                Set.of(key.service()), key.failure() + " on " + key.service() + " daily around " + cluster.clock() + " "
                        + zoneName() + " (" + cluster.days() + " days)",
                advice.cause(), advice.action(), cluster.episodes(), cluster.earliest(), time,
                growing(cluster.days(), config.minDays()) * cluster.regularity());
        recognise(pattern, key.service(), "temporal:" + key.failure(), sink);
    }

    private void coOccurring(String service, Instant time, Consumer<Detection> sink) {
        Instant from = time.minus(config.coOccurrenceInterval());
        while (!recent.isEmpty() && recent.peekFirst().time().isBefore(from)) {
            recent.removeFirst();
        }
        Set<String> partners = new LinkedHashSet<>();
        for (Start start : recent) {
            if (!start.service().equals(service)
                    && Duration.between(start.time(), time).abs().compareTo(config.coOccurrenceInterval()) <= 0) {
                partners.add(start.service());
            }
        }
        recent.addLast(new Start(service, time));
        if (recent.size() > MAX_RECENT) {
            recent.removeFirst();
        }
        for (String partner : partners) {
            String a = service.compareTo(partner) < 0 ? service : partner;
            String b = a.equals(service) ? partner : service;
            Episodes joint = pairs.computeIfAbsent(a + "+" + b, k -> new Episodes());
            if (!joint.record(time, config.coOccurrenceInterval())) {
                continue;
            }
            Instant windowStart = time.minus(config.window());
            int together = joint.since(windowStart);
            if (together < config.minOccurrences()) {
                continue;
            }
            int fewer = Math.min(episodesOf(a, windowStart), episodesOf(b, windowStart));
            double share = Math.min(1.0, together / (double) Math.max(1, fewer));
            PatternAdvice.Advice advice = PatternAdvice.coOccurrence(a, b, relation(a, b));
            Pattern pattern = new Pattern("co-occurrence|" + a + "+" + b, PatternKind.CO_OCCURRENCE, Set.of(a, b),
                    a + " and " + b + " fail together: " + together + " times within "
                            + human(config.coOccurrenceInterval()) + " of each other in " + human(config.window()),
                    advice.cause(), advice.action(), joint.total(), joint.firstSeen(), time,
                    growing(together, config.minOccurrences()) * share);
            recognise(pattern, service, "co-occurrence:" + partner, sink);
        }
    }

    private int episodesOf(String service, Instant from) {
        int count = 0;
        for (Map.Entry<FailureKey, Episodes> entry : histories.entrySet()) {
            if (entry.getKey().service().equals(service)) {
                count += entry.getValue().since(from);
            }
        }
        return count;
    }

    private String relation(String a, String b) {
        DependencyGraph dependencies = graph.get();
        if (dependencies.isUpstreamOf(a, b)) {
            return b + " depends on " + a;
        }
        if (dependencies.isUpstreamOf(b, a)) {
            return a + " depends on " + b;
        }
        return "";
    }

    private void recognise(Pattern pattern, String service, String signature, Consumer<Detection> sink) {
        patterns.put(pattern.signature(), pattern);
        if (patterns.size() > config.maxSignatures()) {
            patterns.values().stream().min(Comparator.comparing(Pattern::lastSeen))
                    .ifPresent(oldest -> patterns.remove(oldest.signature()));
        }
        store.ifPresent(s -> s.save(pattern));
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("pattern", pattern.signature());
        evidence.put("patternKind", pattern.kind().label());
        evidence.put("services", String.join(",", pattern.services()));
        evidence.put("occurrences", Long.toString(pattern.occurrences()));
        evidence.put("firstSeen", pattern.firstSeen().toString());
        evidence.put("lastSeen", pattern.lastSeen().toString());
        evidence.put("typicalCause", pattern.typicalCause());
        evidence.put("recommendedAction", pattern.recommendedAction());
        sink.accept(new Detection(UUID.randomUUID().toString(), NAME, Detection.Kind.PATTERN, Detection.Status.FIRING,
                new SeriesKey(service, "failures"), NAME, signature, Severity.LOW, pattern.confidence(),
                pattern.description(), evidence, pattern.lastSeen()));
    }

    /** 0.5 at the minimum count, halving the doubt with each count above it. */
    private static double growing(int count, int minimum) {
        return 1 - Math.pow(0.5, count - minimum + 1);
    }

    private static String human(Duration duration) {
        if (duration.toDays() > 1 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() + " d";
        }
        if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
            return duration.toHours() + " h";
        }
        if (duration.toMinutes() > 0 && duration.equals(Duration.ofMinutes(duration.toMinutes()))) {
            return duration.toMinutes() + " min";
        }
        return duration.toSeconds() + " s";
    }

    private String zoneName() {
        return config.zone().equals(ZoneOffset.UTC) ? "UTC" : config.zone().getId();
    }

    private static <K> Map<K, Episodes> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Episodes> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Builds a {@link PatternDetector}. Not thread-safe. */
    public static final class Builder {
        private PatternDetectorConfig config = PatternDetectorConfig.ofDefaults();
        private PatternStore store;
        private Supplier<DependencyGraph> graph = DependencyGraph::empty;

        private Builder() {}

        /** The configuration; default {@link PatternDetectorConfig#ofDefaults()}. */
        public Builder config(PatternDetectorConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Where recognised patterns are saved; by default they are kept in memory only. The
         * detector starts with the patterns the store already has.
         */
        public Builder store(PatternStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The dependency graph, read when a co-occurrence is explained; default empty. */
        public Builder graph(Supplier<DependencyGraph> graph) {
            this.graph = Objects.requireNonNull(graph, "graph");
            return this;
        }

        /** The detector. */
        public PatternDetector build() {
            return new PatternDetector(config, Optional.ofNullable(store), graph);
        }
    }
}
