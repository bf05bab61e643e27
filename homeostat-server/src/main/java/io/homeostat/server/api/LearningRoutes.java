package io.homeostat.server.api;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.learn.Effectiveness;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.port.RecoveryAction;
import io.homeostat.server.runtime.ControlLoop;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Learning progress: {@code GET /api/v1/learning?hours=N} (default 24). Per action, what the
 * learner knows from its {@link io.homeostat.engine.port.EffectivenessStore}: the tally summed
 * over the {@code type:} problem keys (each outcome is counted under exactly one of them), with
 * success rate, Wilson bounds at the learner's {@code z} and mean time to recover, and the tally of
 * each problem key (fingerprints and types); and, over time, the action's attempts that completed
 * in each hour of the last N hours (from the recovery actions of the workflow store), counted as the
 * learner counts them ({@link RecoveryAction#proved()}): a success once verified, a failure once it
 * failed or did not verify, and, of those, how many were rolled back afterwards; with each hour's
 * success rate and the rate so far in the window. Attempts that proved nothing are left out of the
 * series, as the learner leaves them out of its tallies: steps that name no success criteria, and
 * rollback steps. Hours without a counted attempt are left out of the series; so are the
 * {@code workflow:} tallies, which have no series.
 */
final class LearningRoutes {

    /** One tally as the API shows it; {@code meanTimeToRecoverMs} is null when nothing succeeded. */
    record TallyJson(String problem, long attempts, long successes, long failures, double successRate,
            double lowerBound, double upperBound, Long meanTimeToRecoverMs, long consecutiveFailures,
            Instant lastOutcome) {

        static TallyJson of(Effectiveness e, double z) {
            return new TallyJson(e.problem(), e.attempts(), e.successes(), e.failures(), e.successRate(),
                    e.lowerBound(z), e.upperBound(z), e.meanTimeToRecover().map(Duration::toMillis).orElse(null),
                    e.consecutiveFailures(), e.attempts() == 0 ? null : e.lastOutcome());
        }
    }

    /**
     * The action's attempts completed in one hour that proved something ({@code attempts = successes +
     * failures}; {@code rolledBack} of them were undone afterwards), and its success rate in the
     * window up to that hour's end.
     */
    record HourJson(Instant hour, int attempts, int successes, int failures, int rolledBack, double successRate,
            double cumulativeSuccessRate) {}

    /** One action's learning progress. */
    record ActionJson(String action, TallyJson learned, List<TallyJson> problems, List<HourJson> hourly) {}

    private static final String ALL = "all";

    private final ControlLoop loop;
    private final Clock clock;

    LearningRoutes(ControlLoop loop, Clock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/learning", Access.VIEWER,
                "Learning progress per recovery action: learned attempts, successes, success rate with its confidence bounds and mean time to recover (overall and per problem key), and its attempts completed per hour over the last N hours (default 24) with their success rate",
                List.of("hours"), this::learning));
    }

    private void learning(Context ctx) {
        int hours = Params.hours(ctx);
        Instant to = clock.instant().plusMillis(1);
        Instant from = to.minus(Duration.ofHours(hours));
        double z = loop.learner().config().z();

        Map<String, List<Effectiveness>> tallies = new TreeMap<>();
        for (Effectiveness e : loop.store().effectiveness().all()) {
            tallies.computeIfAbsent(e.action(), a -> new ArrayList<>()).add(e);
        }
        Map<String, List<RecoveryAction>> completed = new TreeMap<>();
        for (RecoveryAction action : loop.store().workflows().actionsSince(from)) {
            boolean inWindow = action.completedAt().filter(at -> !at.isBefore(from) && at.isBefore(to)).isPresent();
            if (inWindow && action.proved().isPresent()) {
                completed.computeIfAbsent(action.type(), t -> new ArrayList<>()).add(action);
            }
        }
        TreeSet<String> names = new TreeSet<>(tallies.keySet());
        names.addAll(completed.keySet());
        List<ActionJson> actions = new ArrayList<>();
        for (String name : names) {
            List<Effectiveness> mine = tallies.getOrDefault(name, List.of());
            actions.add(new ActionJson(name, TallyJson.of(byType(name, mine), z),
                    mine.stream().map(e -> TallyJson.of(e, z)).toList(),
                    hourly(completed.getOrDefault(name, List.of()))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("z", z);
        body.put("actions", actions);
        ctx.json(body);
    }

    /** The sum of the action's tallies under {@code type:} keys: every outcome of it once. */
    private static Effectiveness byType(String action, List<Effectiveness> tallies) {
        long attempts = 0;
        long successes = 0;
        long recoveryMillis = 0;
        long consecutive = 0;
        Instant last = Instant.EPOCH;
        for (Effectiveness e : tallies) {
            if (e.problem().startsWith(Problem.TYPE_PREFIX)) {
                attempts += e.attempts();
                successes += e.successes();
                recoveryMillis += e.recoveryMillis();
                consecutive += e.consecutiveFailures();
                last = e.lastOutcome().isAfter(last) ? e.lastOutcome() : last;
            }
        }
        return new Effectiveness(ALL, action, attempts, successes, recoveryMillis, consecutive, last);
    }

    private static List<HourJson> hourly(List<RecoveryAction> actions) {
        Map<Instant, int[]> hours = new TreeMap<>();
        for (RecoveryAction action : actions) {
            int[] counts = hours.computeIfAbsent(action.completedAt().orElseThrow().truncatedTo(ChronoUnit.HOURS),
                    h -> new int[3]);
            counts[action.proved().orElseThrow() ? 0 : 1]++;
            if (action.status() == RecoveryAction.Status.ROLLED_BACK) {
                counts[2]++;
            }
        }
        List<HourJson> series = new ArrayList<>(hours.size());
        int attemptsSoFar = 0;
        int successesSoFar = 0;
        for (Map.Entry<Instant, int[]> hour : hours.entrySet()) {
            int[] c = hour.getValue();
            int attempts = c[0] + c[1];
            attemptsSoFar += attempts;
            successesSoFar += c[0];
            series.add(new HourJson(hour.getKey(), attempts, c[0], c[1], c[2], c[0] / (double) attempts,
                    successesSoFar / (double) attemptsSoFar));
        }
        return series;
    }
}
