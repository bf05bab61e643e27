package io.homeostat.bench.nab;

import java.util.ArrayList;
import java.util.List;

/** The sanity detectors NAB normalises against: one that never fires, one that fires at each window's start. */
final class ReferenceDetectors {

    private ReferenceDetectors() {}

    /** Scores 0 on every row. */
    static List<double[]> nothing(List<NabDataFile> files) {
        List<double[]> scores = new ArrayList<>();
        for (NabDataFile file : files) {
            scores.add(new double[file.rows()]);
        }
        return scores;
    }

    /** Scores 1 on the first row of every window, 0 elsewhere. */
    static List<double[]> perfect(List<NabDataFile> files) {
        List<double[]> scores = new ArrayList<>();
        for (NabDataFile file : files) {
            double[] s = new double[file.rows()];
            for (NabWindow window : file.windows()) {
                s[window.firstRow()] = 1.0;
            }
            scores.add(s);
        }
        return scores;
    }
}
