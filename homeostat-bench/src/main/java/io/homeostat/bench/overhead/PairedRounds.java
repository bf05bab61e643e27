package io.homeostat.bench.overhead;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Rounds with guards and without, paired one to one: the i-th of each ran under the same machine
 * conditions (a pair of alternating rounds in one JVM, or the same wall-clock window of two JVMs
 * side by side). The figures per mode, and per pair the difference (with guards minus without)
 * with its spread across pairs. Immutable.
 *
 * @param guarded the rounds with guards, in pair order
 * @param direct the rounds without guards, in the same order
 */
record PairedRounds(List<RoundResult> guarded, List<RoundResult> direct) {

    /**
     * @throws IllegalArgumentException if the lists differ in length, are empty or hold a round of the other mode
     */
    PairedRounds {
        guarded = List.copyOf(guarded);
        direct = List.copyOf(direct);
        if (guarded.size() != direct.size() || guarded.isEmpty()) {
            throw new IllegalArgumentException("need as many rounds with guards as without, and one at least; got "
                    + guarded.size() + " and " + direct.size());
        }
        if (guarded.stream().anyMatch(r -> r.mode() != Mode.GUARDED) || direct.stream().anyMatch(r -> r.mode() != Mode.DIRECT)) {
            throw new IllegalArgumentException("a round of one mode is in the other's list");
        }
    }

    /**
     * Pairs the rounds by their index, e.g. the windows two children measured.
     *
     * @throws IllegalArgumentException naming the indices if the two do not have the same indices, each once
     */
    static PairedRounds byIndex(List<RoundResult> guarded, List<RoundResult> direct) {
        List<RoundResult> g = new ArrayList<>(guarded);
        List<RoundResult> d = new ArrayList<>(direct);
        g.sort(Comparator.comparingInt(RoundResult::index));
        d.sort(Comparator.comparingInt(RoundResult::index));
        List<Integer> gi = g.stream().map(RoundResult::index).toList();
        List<Integer> di = d.stream().map(RoundResult::index).toList();
        if (!gi.equals(di) || gi.stream().distinct().count() != gi.size()) {
            throw new IllegalArgumentException("the windows do not pair: with guards " + gi + ", without " + di);
        }
        return new PairedRounds(g, d);
    }

    /** How many pairs. */
    int size() {
        return guarded.size();
    }

    /** The rounds of {@code mode}, in pair order. */
    List<RoundResult> rounds(Mode mode) {
        return mode == Mode.GUARDED ? guarded : direct;
    }

    /** Percent of one core, per mode. */
    Spread corePercent(Mode mode) {
        return spread(rounds(mode), r -> r.cores() * 100);
    }

    /** CPU microseconds per request, per mode. */
    Spread microsPerRequest(Mode mode) {
        return spread(rounds(mode), RoundResult::cpuMicrosPerRequest);
    }

    /** Heap bytes allocated per request, per mode. */
    Spread bytesPerRequest(Mode mode) {
        return spread(rounds(mode), RoundResult::bytesPerRequest);
    }

    /** Requests a mode completed a second over all its rounds: their requests over their time. */
    double requestRate(Mode mode) {
        long requests = 0;
        long nanos = 0;
        for (RoundResult r : rounds(mode)) {
            requests += r.requests();
            nanos += r.wallNanos();
        }
        return requests * 1e9 / nanos;
    }

    /** How far apart the two modes' request rates are, as a share of the rate without guards (0.02 is 2 %). */
    double rateGap() {
        double direct = requestRate(Mode.DIRECT);
        return Math.abs(requestRate(Mode.GUARDED) - direct) / direct;
    }

    /** Per pair: CPU with guards minus CPU without, in percent of one core. */
    Spread differenceOfCore() {
        return pairs(p -> (p[0].cores() - p[1].cores()) * 100);
    }

    /** Per pair: the difference in percent of the CPU without guards. */
    Spread differenceOfDirect() {
        return pairs(p -> (p[0].cores() - p[1].cores()) / p[1].cores() * 100);
    }

    /** Per pair: the difference in CPU microseconds per request. */
    Spread differencePerRequest() {
        return pairs(p -> p[0].cpuMicrosPerRequest() - p[1].cpuMicrosPerRequest());
    }

    /**
     * Per pair: the difference per request divided by the guarded calls per request, in CPU
     * microseconds per guarded call.
     */
    Spread differencePerGuardCall() {
        return pairs(p -> (p[0].cpuMicrosPerRequest() - p[1].cpuMicrosPerRequest())
                / ((double) p[0].guardCalls() / p[0].requests()));
    }

    /** Mean percent of one core per thread group: {with guards, without}. */
    Map<String, double[]> byGroup() {
        Map<String, double[]> groups = new LinkedHashMap<>();
        for (int m = 0; m < 2; m++) {
            List<RoundResult> rounds = m == 0 ? guarded : direct;
            for (RoundResult r : rounds) {
                for (var e : r.cpuByGroup().entrySet()) {
                    groups.computeIfAbsent(e.getKey(), k -> new double[2])[m] += e.getValue() * 100.0 / r.wallNanos()
                            / rounds.size();
                }
            }
        }
        return groups;
    }

    private static Spread spread(List<RoundResult> rounds, ToDoubleFunction<RoundResult> figure) {
        List<Double> values = new ArrayList<>();
        rounds.forEach(r -> values.add(figure.applyAsDouble(r)));
        return Spread.of(values);
    }

    private Spread pairs(ToDoubleFunction<RoundResult[]> figure) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < guarded.size(); i++) {
            values.add(figure.applyAsDouble(new RoundResult[] {guarded.get(i), direct.get(i)}));
        }
        return Spread.of(values);
    }
}
