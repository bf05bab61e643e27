package io.homeostat.bench.nab;

import java.util.List;
import java.util.Locale;

/**
 * The benchmark's outcome: our score per profile beside the sanity detectors and the published
 * scoreboard, as a text table and as JSON. Immutable and thread-safe.
 *
 * @param files data files scored
 * @param rows rows fed to the detector
 * @param windows labelled windows
 * @param ours our best score per profile, in {@link NabProfile#all()} order
 * @param nulls the null detector's scores, same order
 * @param perfects the perfect detector's scores, same order
 * @param detectSeconds time to load the data, run the detector and write the results
 * @param scoreSeconds time to score every profile
 */
record NabReport(int files, long rows, int windows, List<NabScore> ours, List<NabScore> nulls,
                 List<NabScore> perfects, double detectSeconds, double scoreSeconds) {

    /** Published standard-profile scores on this 31-file subset. */
    static final double HTM_STANDARD = 69.5;
    static final double ARTIME_STANDARD = 73.6;

    NabReport {
        ours = List.copyOf(ours);
        nulls = List.copyOf(nulls);
        perfects = List.copyOf(perfects);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "NAB: %d files, %d rows, %d windows; detect %.2f s, score %.2f s%n",
                files, rows, windows, detectSeconds, scoreSeconds));
        out.append(String.format(Locale.ROOT, "%-22s %10s %10s %10s %12s%n",
                "detector", "standard", "low_FP", "low_FN", "threshold"));
        row(out, "homeostat", ours, true);
        out.append(String.format(Locale.ROOT, "%-22s %10.1f %10s %10s%n", "numenta HTM (publ.)", HTM_STANDARD, "-", "-"));
        out.append(String.format(Locale.ROOT, "%-22s %10.1f %10s %10s%n", "ARTime (publ.)", ARTIME_STANDARD, "-", "-"));
        row(out, "null (sanity)", nulls, false);
        row(out, "perfect (sanity)", perfects, false);
        NabScore standard = ours.get(0);
        out.append(String.format(Locale.ROOT, "standard: %d/%d windows detected, %d false positives%n",
                standard.windowsDetected(), standard.windows(), standard.falsePositives()));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, List<NabScore> scores, boolean threshold) {
        out.append(String.format(Locale.ROOT, "%-22s %10.2f %10.2f %10.2f", name, scores.get(0).normalisedScore(),
                scores.get(1).normalisedScore(), scores.get(2).normalisedScore()));
        if (threshold) {
            out.append(String.format(Locale.ROOT, " %12.6f", scores.get(0).threshold()));
        }
        out.append('\n');
    }

    String json() {
        StringBuilder out = new StringBuilder("{\n");
        out.append(String.format(Locale.ROOT, "  \"detector\": \"%s\",%n", NabBenchmark.DETECTOR));
        out.append(String.format(Locale.ROOT, "  \"files\": %d, \"rows\": %d, \"windows\": %d,%n", files, rows, windows));
        out.append(String.format(Locale.ROOT, "  \"detectSeconds\": %.3f, \"scoreSeconds\": %.3f,%n", detectSeconds, scoreSeconds));
        out.append(String.format(Locale.ROOT, "  \"published\": {\"numentaHtmStandard\": %.1f, \"arTimeStandard\": %.1f},%n",
                HTM_STANDARD, ARTIME_STANDARD));
        out.append("  \"profiles\": [\n");
        for (int i = 0; i < ours.size(); i++) {
            NabScore s = ours.get(i);
            out.append(String.format(Locale.ROOT,
                    "    {\"profile\": \"%s\", \"score\": %.4f, \"threshold\": %.8f, \"raw\": %.6f, "
                            + "\"windowsDetected\": %d, \"windows\": %d, \"falsePositives\": %d, "
                            + "\"null\": %.4f, \"perfect\": %.4f}%s%n",
                    s.profile().name(), s.normalisedScore(), s.threshold(), s.rawScore(), s.windowsDetected(),
                    s.windows(), s.falsePositives(), nulls.get(i).normalisedScore(), perfects.get(i).normalisedScore(),
                    i + 1 < ours.size() ? "," : ""));
        }
        out.append("  ]\n}\n");
        return out.toString();
    }
}
