package io.homeostat.engine.alert.functional;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.AlertingStats;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.alert.RecordingChannel;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.escalate.OnCallLevel;
import io.homeostat.engine.alert.escalate.OnCallRotation;
import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.alert.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The noise scenario of issue 6, on simulated time: 50 services, 3 of them root causes
 * ({@code db:primary}, {@code llm:openai}, {@code cache:redis}) with the other 47 depending on one
 * of them (directly or through a chain); 10,000 raw detections in 10 minutes, 10 % on the roots
 * and 90 % on their dependents, of every severity (dependents can be critical too), 4 % of them
 * clearing (flaps); the dependents' detections start before their root's. The incident layer is
 * assumed to have correlated each cause's detections into one incident ({@code inc-<cause>}).
 * The on-call person acknowledges each page 3 minutes after it arrives; recovery resolves the
 * incidents at 12, 13 and 14 minutes. Counts every notification that reached a receiver.
 * Deterministic for a seed. Used by {@code NoiseStormTest} and the bench's {@code NoiseFigure}.
 */
public final class NoiseStorm {

    /** The root causes. */
    public static final List<String> ROOTS = List.of("db:primary", "llm:openai", "cache:redis");
    private static final int SERVICES = 50;
    private static final int DETECTIONS = 10_000;
    private static final Duration SPREAD = Duration.ofMinutes(10);
    private static final List<String> CATEGORIES = List.of("errors", "latency", "availability", "saturation");

    /**
     * What the storm produced.
     *
     * @param detections raw detections fed in
     * @param distinctAlerts distinct alerts (label sets) they made
     * @param notifications notifications that reached a receiver, all kinds
     * @param groupNotifications of which group notifications
     * @param escalations of which escalation pages
     * @param pagesClosed of which messages closing a page once its incident resolved
     * @param rootsNotified the root causes that appeared as firing in some notification
     * @param downstreamNotified dependents that appeared as firing in some notification
     * @param stats the alert manager's counts
     * @param timeline one line per notification: minute:second into the storm, receiver, reason, title
     */
    public record Result(
            int detections,
            int distinctAlerts,
            long notifications,
            long groupNotifications,
            long escalations,
            long pagesClosed,
            Set<String> rootsNotified,
            Set<String> downstreamNotified,
            AlertingStats stats,
            List<String> timeline) {}

    private NoiseStorm() {}

    /** The dependency graph: each dependent calls its root directly or through the dependent 3 before it. */
    public static DependencyGraph graph() {
        DependencyGraph graph = DependencyGraph.empty();
        for (int i = 0; i < SERVICES - ROOTS.size(); i++) {
            String root = ROOTS.get(i % ROOTS.size());
            graph = graph.with(service(i), i < ROOTS.size() ? root : service(i - ROOTS.size()));
        }
        return graph;
    }

    /** Runs the storm with inhibition over {@link #graph()} (or with no graph, to compare). */
    public static Result run(long seed, boolean inhibition) {
        ManualClock clock = ManualClock.create();
        Instant start = clock.instant();
        RecordingChannel chat = new RecordingChannel("chat");
        RecordingChannel pager = new RecordingChannel("pager");
        OnCallRotation rotation = OnCallRotation.of(
                new OnCallLevel("primary", "pager", List.of("alice", "bob"), Duration.ofDays(7), start),
                new OnCallLevel("secondary", "pager", List.of("carol"), Duration.ofDays(7), start),
                new OnCallLevel(EscalationPolicy.INCIDENT_RESPONSE, "pager", List.of("dave"), Duration.ofDays(7), start));
        Alerting[] holder = new Alerting[1];
        Receiver pagerReceiver = Receiver.of("pager", pager, new io.homeostat.engine.alert.notify.Channel() {
            @Override
            public String name() {
                return "on-call person";
            }

            @Override
            public void send(Notification n) {
                String person = n.onCall();
                clock.scheduler().schedule(Duration.ofMinutes(3), () -> holder[0].acknowledgeIncident(n.key(), person));
            }

            @Override
            public io.homeostat.engine.alert.notify.DeliveryStats stats() {
                return pager.stats();
            }
        });
        Alerting alerting = Alerting.builder(clock.scheduler())
                .receiver(Receiver.of("chat", chat))
                .receiver(pagerReceiver)
                .route(Route.to("chat").groupBy(Labels.INCIDENT).build())
                .graph(inhibition ? graph() : DependencyGraph.empty())
                .escalation(EscalationPolicy.defaults(), rotation)
                .build();
        holder[0] = alerting;

        Random random = new Random(seed);
        Set<String> alerts = new LinkedHashSet<>();
        long stepNanos = SPREAD.toNanos() / DETECTIONS;
        for (int i = 0; i < DETECTIONS; i++) {
            int cause = random.nextInt(ROOTS.size());
            Detection detection = detection(i, cause, random, clock.instant(), start);
            alerts.add(detection.service() + "|" + detection.category() + "|" + detection.severity());
            alerting.observe(detection, "inc-" + ROOTS.get(cause));
            clock.advance(Duration.ofNanos(stepNanos));
        }
        clock.advance(Duration.ofMinutes(2)); // 12 min
        for (String root : ROOTS) {
            alerting.resolveIncident("inc-" + root, "recovery");
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofHours(1));

        List<Notification> all = new ArrayList<>(chat.sent());
        all.addAll(pager.sent());
        all.sort(java.util.Comparator.comparing(Notification::time));
        List<String> timeline = all.stream().map(n -> {
            long seconds = Duration.between(start, n.time()).toSeconds();
            return String.format(java.util.Locale.ROOT, "%02d:%02d %-5s %-14s %s", seconds / 60, seconds % 60,
                    n.receiver(), n.reason().length() > 14 ? n.reason().substring(0, 14) : n.reason(), n.title());
        }).toList();
        Set<String> roots = new LinkedHashSet<>();
        Set<String> downstream = new LinkedHashSet<>();
        for (Notification n : all) {
            for (AlertView a : n.firing()) {
                (ROOTS.contains(a.labels().service()) ? roots : downstream).add(a.labels().service());
            }
        }
        long pages = pager.sent().stream().filter(n -> !n.allResolved()).count();
        return new Result(DETECTIONS, alerts.size(), all.size(), chat.count(), pages, pager.count() - pages, roots,
                downstream,
                alerting.stats(), timeline);
    }

    private static Detection detection(int i, int cause, Random random, Instant now, Instant start) {
        String root = ROOTS.get(cause);
        long elapsed = Duration.between(start, now).toSeconds();
        // the dependents feel it first; each root's own detector fires 2, 5 or 8 s in
        boolean onRoot = elapsed >= 2 + 3L * cause && random.nextDouble() < 0.10;
        String service = onRoot ? root : dependent(cause, random);
        Severity severity;
        String category;
        if (onRoot && random.nextDouble() < 0.7) {
            severity = Severity.CRITICAL;
            category = "availability";
        } else {
            severity = Severity.values()[random.nextInt(3)]; // critical, high or medium
            category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        }
        Detection.Status status = random.nextDouble() < 0.04 ? Detection.Status.CLEARED : Detection.Status.FIRING;
        return new Detection("d-" + i, "storm", Detection.Kind.THRESHOLD, status, new SeriesKey(service, category),
                category, category, severity, 0.9, category + " on " + service, Map.of(), now);
    }

    private static String dependent(int cause, Random random) {
        int perCause = (SERVICES - ROOTS.size()) / ROOTS.size() + 1;
        while (true) {
            int i = cause + ROOTS.size() * random.nextInt(perCause);
            if (i < SERVICES - ROOTS.size()) {
                return service(i);
            }
        }
    }

    private static String service(int i) {
        return String.format("svc-%02d", i + 1);
    }
}
