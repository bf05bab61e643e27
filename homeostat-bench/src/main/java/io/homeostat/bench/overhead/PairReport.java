package io.homeostat.bench.overhead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a {@link KernelOverheadPair} run: per window the CPU of each JVM and the
 * difference (with guards minus without) as a share of one core and of the CPU without guards;
 * over the windows their means with a 95 % Student-t interval, each mode's CPU and the requests it
 * served a second. The comparison holds only if both served the same work: if their request
 * rates differ by more than {@link #RATE_TOLERANCE_PERCENT} the table says it is void. Immutable.
 *
 * @param options the run's settings
 * @param windows the windows of the two children, paired by their number
 * @param loadBefore the machine's load average when the run started
 * @param loadAfter the machine's load average when it ended
 */
record PairReport(PairOptions options, PairedRounds windows, double loadBefore, double loadAfter) {

    /** How far apart (percent of the rate without guards) the two modes' request rates may be. */
    static final double RATE_TOLERANCE_PERCENT = 2.0;

    /** Whether both modes served the same request rate, within {@link #RATE_TOLERANCE_PERCENT}. */
    boolean sameRate() {
        return windows.rateGap() * 100 <= RATE_TOLERANCE_PERCENT;
    }

    /** The verdict on issue 8's target for {@code difference}, or why there is none. */
    String verdict(Spread difference) {
        if (!sameRate()) {
            return "void (the two modes served different request rates)";
        }
        return OverheadReport.verdict(difference);
    }

    /** The per-window lines and the summary, as the program prints them. */
    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-6s %12s %12s %12s %14s %10s %10s %12s%n", "window", "with guards",
                "without", "difference", "difference", "req/s", "req/s", "guarded/s"));
        out.append(String.format(Locale.ROOT, "%-6s %12s %12s %12s %14s %10s %10s %12s%n", "", "% of a core",
                "% of a core", "% of a core", "% of no-guard", "with", "without", "calls"));
        for (int i = 0; i < windows.size(); i++) {
            RoundResult g = windows.guarded().get(i);
            RoundResult d = windows.direct().get(i);
            out.append(String.format(Locale.ROOT, "%-6d %12.2f %12.2f %+12.2f %+14.1f %10.1f %10.1f %12.1f%n", g.index(),
                    g.cores() * 100, d.cores() * 100, (g.cores() - d.cores()) * 100,
                    (g.cores() - d.cores()) / d.cores() * 100, g.requestRate(), d.requestRate(),
                    g.guardCalls() * 1e9 / g.wallNanos()));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "process CPU, %% of one core: with guards %s, without %s%n",
                OverheadReport.pm(windows.corePercent(Mode.GUARDED)), OverheadReport.pm(windows.corePercent(Mode.DIRECT))));
        out.append(String.format(Locale.ROOT, "requests served a second: with guards %.2f, without %.2f (%.1f %% apart): %s%n",
                windows.requestRate(Mode.GUARDED), windows.requestRate(Mode.DIRECT), windows.rateGap() * 100,
                sameRate() ? "the same work"
                        : "more than " + RATE_TOLERANCE_PERCENT + " % apart, so the two did not do the same work and the"
                                + " comparison is VOID"));
        out.append(String.format(Locale.ROOT, "CPU per request, us: with guards %s, without %s%n",
                OverheadReport.pm(windows.microsPerRequest(Mode.GUARDED)),
                OverheadReport.pm(windows.microsPerRequest(Mode.DIRECT))));
        out.append(String.format(Locale.ROOT, "heap allocated per request, bytes: with guards %s, without %s%n",
                OverheadReport.pm(windows.bytesPerRequest(Mode.GUARDED)),
                OverheadReport.pm(windows.bytesPerRequest(Mode.DIRECT))));
        out.append(String.format(Locale.ROOT, "difference, paired windows (n = %d):%n", windows.size()));
        out.append(String.format(Locale.ROOT, "  %% of one core          %s%n", OverheadReport.full(windows.differenceOfCore())));
        out.append(String.format(Locale.ROOT, "  %% of the no-guard CPU  %s%n",
                OverheadReport.full(windows.differenceOfDirect())));
        out.append(String.format(Locale.ROOT, "  CPU us per request     %s%n",
                OverheadReport.full(windows.differencePerRequest())));
        out.append(String.format(Locale.ROOT, "  CPU us per guarded call %s%n",
                OverheadReport.full(windows.differencePerGuardCall())));
        out.append("CPU by thread group, % of one core (mean): with guards / without / difference\n");
        windows.byGroup().forEach((group, v) -> out.append(String.format(Locale.ROOT, "  %-70s %6.2f %6.2f %+6.2f%n",
                group, v[0], v[1], v[0] - v[1])));
        out.append(String.format(Locale.ROOT, "load average: %.2f before, %.2f after%n", loadBefore, loadAfter));
        out.append(String.format(Locale.ROOT, "< %.0f %% of one core: %s; < %.0f %% of the no-guard CPU: %s%n",
                OverheadReport.TARGET_PERCENT, verdict(windows.differenceOfCore()), OverheadReport.TARGET_PERCENT,
                verdict(windows.differenceOfDirect())));
        return out.toString();
    }

    /** The run as plain maps and lists, for JSON. */
    Map<String, Object> toMap() {
        WindowOptions settings = options.settings();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("method", "two JVMs side by side, one mode each, same wall-clock windows");
        map.put("windows", settings.windows());
        map.put("windowSeconds", settings.window().toSeconds());
        map.put("warmUpSeconds", settings.warmUp().toSeconds());
        map.put("rate", settings.rate());
        map.put("seed", settings.seed());
        map.put("loadBefore", loadBefore);
        map.put("loadAfter", loadAfter);
        map.put("guardedCorePercent", windows.corePercent(Mode.GUARDED));
        map.put("directCorePercent", windows.corePercent(Mode.DIRECT));
        map.put("guardedRequestsPerSecond", windows.requestRate(Mode.GUARDED));
        map.put("directRequestsPerSecond", windows.requestRate(Mode.DIRECT));
        map.put("rateGapPercent", windows.rateGap() * 100);
        map.put("sameRate", sameRate());
        map.put("guardedMicrosPerRequest", windows.microsPerRequest(Mode.GUARDED));
        map.put("directMicrosPerRequest", windows.microsPerRequest(Mode.DIRECT));
        map.put("guardedBytesPerRequest", windows.bytesPerRequest(Mode.GUARDED));
        map.put("directBytesPerRequest", windows.bytesPerRequest(Mode.DIRECT));
        map.put("differencePercentOfCore", windows.differenceOfCore());
        map.put("differencePercentOfDirect", windows.differenceOfDirect());
        map.put("differenceMicrosPerRequest", windows.differencePerRequest());
        map.put("differenceMicrosPerGuardCall", windows.differencePerGuardCall());
        map.put("verdictPercentOfCore", verdict(windows.differenceOfCore()));
        map.put("verdictPercentOfDirect", verdict(windows.differenceOfDirect()));
        map.put("byGroupPercentOfCore", windows.byGroup());
        List<Object> pairs = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("window", windows.guarded().get(i).index());
            pair.put("guarded", windows.guarded().get(i).toMap());
            pair.put("direct", windows.direct().get(i).toMap());
            pairs.add(pair);
        }
        map.put("pairs", pairs);
        return map;
    }
}
