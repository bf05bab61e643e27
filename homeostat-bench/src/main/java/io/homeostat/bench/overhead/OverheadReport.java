package io.homeostat.bench.overhead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The figures of a {@link KernelOverhead} run: per mode the process's CPU as a share of one core
 * and per request, and per pair of rounds (round i with guards against round i without) the
 * difference, as a share of one core and of the CPU without guards, with its spread across pairs.
 * Immutable.
 *
 * @param options the run's settings
 * @param guarded the measured rounds with guards, in order
 * @param direct the measured rounds without guards, in order
 * @param fault the pair of rounds with an outage of {@code llm:openai} (guarded, direct), if run
 * @param loadBefore the machine's load average when the run started
 * @param loadAfter the machine's load average when it ended
 */
record OverheadReport(OverheadOptions options, List<RoundResult> guarded, List<RoundResult> direct,
        Optional<List<RoundResult>> fault, double loadBefore, double loadAfter) {

    /** The target of issue 8: the kernel's CPU overhead below 1 %. */
    static final double TARGET_PERCENT = 1.0;

    OverheadReport {
        guarded = List.copyOf(guarded);
        direct = List.copyOf(direct);
        if (guarded.size() != direct.size() || guarded.isEmpty()) {
            throw new IllegalArgumentException("need as many rounds with guards as without, and one at least; got "
                    + guarded.size() + " and " + direct.size());
        }
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

    /** Mean percent of one core per thread group and mode. */
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

    private List<RoundResult> rounds(Mode mode) {
        return mode == Mode.GUARDED ? guarded : direct;
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

    /** The per-round lines and the summary, as the program prints them. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-6s %-15s %10s %12s %8s %10s %11s %12s %10s %10s%n", "round", "mode",
                "CPU %core", "CPU us/req", "KB/req", "req/s", "HTTP/s", "guarded/s", "fallb./s", "signals/s"));
        List<RoundResult> all = new ArrayList<>();
        for (int i = 0; i < guarded.size(); i++) {
            all.add(guarded.get(i));
            all.add(direct.get(i));
        }
        fault.ifPresent(all::addAll);
        for (RoundResult r : all) {
            out.append(line(r));
        }
        out.append('\n');
        Spread g = corePercent(Mode.GUARDED);
        Spread d = corePercent(Mode.DIRECT);
        out.append(String.format(Locale.ROOT, "process CPU, %% of one core: with guards %s, without %s%n", pm(g), pm(d)));
        out.append(String.format(Locale.ROOT, "CPU per request, us: with guards %s, without %s%n",
                pm(microsPerRequest(Mode.GUARDED)), pm(microsPerRequest(Mode.DIRECT))));
        out.append(String.format(Locale.ROOT, "heap allocated per request, bytes: with guards %s, without %s%n",
                pm(bytesPerRequest(Mode.GUARDED)), pm(bytesPerRequest(Mode.DIRECT))));
        out.append(String.format(Locale.ROOT, "difference, paired rounds (n = %d):%n", guarded.size()));
        out.append(String.format(Locale.ROOT, "  %% of one core          %s%n", full(differenceOfCore())));
        out.append(String.format(Locale.ROOT, "  %% of the no-guard CPU  %s%n", full(differenceOfDirect())));
        out.append(String.format(Locale.ROOT, "  CPU us per request     %s%n", full(differencePerRequest())));
        out.append(String.format(Locale.ROOT, "  CPU us per guarded call %s%n", full(differencePerGuardCall())));
        out.append("CPU by thread group, % of one core (mean): with guards / without / difference\n");
        byGroup().forEach((group, v) -> out.append(String.format(Locale.ROOT, "  %-70s %6.2f %6.2f %+6.2f%n", group, v[0],
                v[1], v[0] - v[1])));
        fault.ifPresent(f -> out.append(String.format(Locale.ROOT,
                "with an outage of llm:openai (one pair): %.2f vs %.2f %% of one core, difference %+.2f %% of a core"
                        + " (%+.1f %% of the no-guard CPU), %.0f fallbacks/s%n",
                f.get(0).cores() * 100, f.get(1).cores() * 100, (f.get(0).cores() - f.get(1).cores()) * 100,
                (f.get(0).cores() - f.get(1).cores()) / f.get(1).cores() * 100,
                f.get(0).fallbacks() * 1e9 / f.get(0).wallNanos())));
        out.append(String.format(Locale.ROOT, "load average: %.2f before, %.2f after%n", loadBefore, loadAfter));
        out.append(String.format(Locale.ROOT, "< %.0f %% of one core: %s; < %.0f %% of the no-guard CPU: %s%n",
                TARGET_PERCENT, verdict(differenceOfCore()), TARGET_PERCENT, verdict(differenceOfDirect())));
        return out.toString();
    }

    /** "met" when the interval's upper end is below the target, "not met" when its lower end is above it. */
    static String verdict(Spread difference) {
        if (difference.ciHigh() < TARGET_PERCENT) {
            return "met (the 95 % interval's upper end is " + String.format(Locale.ROOT, "%.2f", difference.ciHigh()) + ")";
        }
        if (difference.ciLow() > TARGET_PERCENT) {
            return "not met (the 95 % interval's lower end is " + String.format(Locale.ROOT, "%.2f", difference.ciLow())
                    + ")";
        }
        return "undecided (the 95 % interval [" + String.format(Locale.ROOT, "%.2f, %.2f", difference.ciLow(),
                difference.ciHigh()) + "] holds the target)";
    }

    private static String line(RoundResult r) {
        double seconds = r.wallNanos() / 1e9;
        return String.format(Locale.ROOT, "%-6s %-15s %10.2f %12.0f %8.1f %10.1f %11.1f %12.1f %10.1f %10.1f%n",
                (r.index() == 0 ? "warm" : String.valueOf(r.index())) + (r.fault() ? "F" : ""), r.mode().label(),
                r.cores() * 100, r.cpuMicrosPerRequest(), r.bytesPerRequest() / 1024, r.requestRate(), r.httpCalls() / seconds,
                r.guardCalls() / seconds, r.fallbacks() / seconds, r.signals() / seconds);
    }

    private static String pm(Spread s) {
        String f = Math.abs(s.mean()) >= 1000 ? "%,.0f" : "%.2f";
        return String.format(Locale.ROOT, f + " ± " + f + " (" + f + "–" + f + ")", s.mean(), s.sd(), s.min(), s.max());
    }

    private static String full(Spread s) {
        return String.format(Locale.ROOT, "%+.3f ± %.3f (range %+.3f to %+.3f; 95 %% CI %+.3f to %+.3f)", s.mean(), s.sd(),
                s.min(), s.max(), s.ciLow(), s.ciHigh());
    }

    /** The run as plain maps and lists, for JSON. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rounds", options.rounds());
        map.put("roundSeconds", options.round().toSeconds());
        map.put("warmUpSeconds", options.warmUp().toSeconds());
        map.put("rate", options.rate());
        map.put("seed", options.seed());
        map.put("loadBefore", loadBefore);
        map.put("loadAfter", loadAfter);
        map.put("guardedCorePercent", corePercent(Mode.GUARDED));
        map.put("directCorePercent", corePercent(Mode.DIRECT));
        map.put("guardedMicrosPerRequest", microsPerRequest(Mode.GUARDED));
        map.put("directMicrosPerRequest", microsPerRequest(Mode.DIRECT));
        map.put("guardedBytesPerRequest", bytesPerRequest(Mode.GUARDED));
        map.put("directBytesPerRequest", bytesPerRequest(Mode.DIRECT));
        map.put("differencePercentOfCore", differenceOfCore());
        map.put("differencePercentOfDirect", differenceOfDirect());
        map.put("differenceMicrosPerRequest", differencePerRequest());
        map.put("differenceMicrosPerGuardCall", differencePerGuardCall());
        map.put("byGroupPercentOfCore", byGroup());
        List<Object> rounds = new ArrayList<>();
        List<RoundResult> all = new ArrayList<>(guarded);
        all.addAll(direct);
        fault.ifPresent(all::addAll);
        for (RoundResult r : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", r.mode().name());
            m.put("index", r.index());
            m.put("fault", r.fault());
            m.put("wallNanos", r.wallNanos());
            m.put("cpuNanos", r.cpuNanos());
            m.put("requests", r.requests());
            m.put("httpCalls", r.httpCalls());
            m.put("guardCalls", r.guardCalls());
            m.put("fallbacks", r.fallbacks());
            m.put("signals", r.signals());
            m.put("allocatedBytes", r.allocatedBytes());
            m.put("cpuByGroupNanos", r.cpuByGroup());
            rounds.add(m);
        }
        map.put("roundResults", rounds);
        return map;
    }
}
