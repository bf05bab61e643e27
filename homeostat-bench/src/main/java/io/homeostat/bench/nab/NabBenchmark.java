package io.homeostat.bench.nab;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.detect.anomaly.AnomalyDetector;
import io.homeostat.engine.detect.anomaly.AnomalyDetectorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the streaming anomaly detector over a NAB data folder, writes NAB's results layout, scores
 * the three NAB profiles and prints them beside the published scoreboard.
 *
 * <p>Arguments: {@code [dataDir [labelsFile [resultsDir]]] [--per-file]}, defaulting to
 * {@code ../shared/nab/data}, {@code ../shared/nab/labels/combined_windows.json} and
 * {@code ./results}. As in NAB, each file's detector learns for the file's probationary period.
 */
public final class NabBenchmark {

    /** The detector's name in the results layout. */
    static final String DETECTOR = "homeostat";

    private NabBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @throws UncheckedIOException if the data cannot be read or the results written
     */
    public static void main(String[] args) {
        List<String> positional = new ArrayList<>();
        boolean perFile = false;
        for (String arg : args) {
            if (arg.equals("--per-file")) {
                perFile = true;
            } else {
                positional.add(arg);
            }
        }
        Path data = Path.of(positional.size() > 0 ? positional.get(0) : "../shared/nab/data");
        Path labels = Path.of(positional.size() > 1 ? positional.get(1) : "../shared/nab/labels/combined_windows.json");
        Path results = Path.of(positional.size() > 2 ? positional.get(2) : "results");

        Clock clock = Clock.system();
        long started = clock.monotonicNanos();
        List<NabDataFile> files = NabCorpus.load(data, labels);
        List<double[]> scores = new ArrayList<>();
        long rows = 0;
        for (NabDataFile file : files) {
            double[] fileScores = run(file);
            scores.add(fileScores);
            rows += file.rows();
            NabResultsWriter.write(results, DETECTOR, file, fileScores);
        }
        long detected = clock.monotonicNanos();
        NabScorer scorer = NabScorer.of(files);
        List<NabScore> ours = new ArrayList<>();
        List<NabScore> nulls = new ArrayList<>();
        List<NabScore> perfects = new ArrayList<>();
        for (NabProfile profile : NabProfile.all()) {
            ours.add(scorer.best(profile, scores));
            nulls.add(scorer.best(profile, ReferenceDetectors.nothing(files)));
            perfects.add(scorer.best(profile, ReferenceDetectors.perfect(files)));
        }
        long scored = clock.monotonicNanos();
        NabReport report = new NabReport(files.size(), rows, scorer.windows(), ours, nulls, perfects,
                (detected - started) / 1e9, (scored - detected) / 1e9);
        System.out.print(report.table());
        if (perFile) {
            printPerFile(files, scorer, scores, ours.get(0).threshold());
        }
        try {
            Files.createDirectories(results);
            Files.writeString(results.resolve(DETECTOR + "_nab_summary.json"), report.json(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The detector's scores for every row of {@code file}, fed in file order. */
    static double[] run(NabDataFile file) {
        int learning = Math.max(10, NabDataFile.probationaryRows(file.rows()));
        AnomalyDetector detector = AnomalyDetector.create(
                AnomalyDetectorConfig.builder().learningPeriod(learning).build());
        double[] result = new double[file.rows()];
        for (int i = 0; i < file.rows(); i++) {
            result[i] = detector.score(file.timestampMillis(i), file.value(i));
        }
        return result;
    }

    private static void printPerFile(List<NabDataFile> files, NabScorer scorer, List<double[]> scores, double threshold) {
        List<NabScore> each = scorer.perFile(NabProfile.STANDARD, scores, threshold);
        System.out.printf(Locale.ROOT, "%nper file, standard profile, threshold %.6f%n", threshold);
        for (int f = 0; f < files.size(); f++) {
            NabScore s = each.get(f);
            System.out.printf(Locale.ROOT, "%-55s %8.3f  windows %d/%d  fp %d%n", files.get(f).key(), s.rawScore(),
                    s.windowsDetected(), s.windows(), s.falsePositives());
        }
    }
}
