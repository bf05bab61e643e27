package io.homeostat.bench.overhead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of a {@link KernelOverhead} run: per mode the process's CPU as a share of one core
 * and per request, and per pair of rounds (round i with guards against round i without) the
 * difference, as a share of one core and of the CPU without guards, with its spread across pairs
 * ({@link PairedRounds}). Immutable.
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
        new PairedRounds(guarded, direct); // validates
    }

    /** The rounds paired as they ran: the i-th with guards against the i-th without. */
    PairedRounds paired() {
        return new PairedRounds(guarded, direct);
    }

    /** Percent of one core, per mode. */
    Spread corePercent(Mode mode) {
        return paired().corePercent(mode);
    }

    /** CPU microseconds per request, per mode. */
    Spread microsPerRequest(Mode mode) {
        return paired().microsPerRequest(mode);
    }

    /** Heap bytes allocated per request, per mode. */
    Spread bytesPerRequest(Mode mode) {
        return paired().bytesPerRequest(mode);
    }

    /** Per pair: CPU with guards minus CPU without, in percent of one core. */
    Spread differenceOfCore() {
        return paired().differenceOfCore();
    }

    /** Per pair: the difference in percent of the CPU without guards. */
    Spread differenceOfDirect() {
        return paired().differenceOfDirect();
    }

    /** Per pair: the difference in CPU microseconds per request. */
    Spread differencePerRequest() {
        return paired().differencePerRequest();
    }

    /** Per pair: the difference in CPU microseconds per guarded call. */
    Spread differencePerGuardCall() {
        return paired().differencePerGuardCall();
    }

    /** Mean percent of one core per thread group and mode. */
    Map<String, double[]> byGroup() {
        return paired().byGroup();
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

    /** Mean ± deviation (min–max). */
    static String pm(Spread s) {
        String f = Math.abs(s.mean()) >= 1000 ? "%,.0f" : "%.2f";
        return String.format(Locale.ROOT, f + " ± " + f + " (" + f + "–" + f + ")", s.mean(), s.sd(), s.min(), s.max());
    }

    /** Mean ± deviation, range and the 95 % interval, signed. */
    static String full(Spread s) {
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
            rounds.add(r.toMap());
        }
        map.put("roundResults", rounds);
        return map;
    }
}
