package io.homeostat.bench.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores anomaly scores against NAB's labels exactly as NAB v1.1 does: rows in the probationary
 * period are ignored; each row gets a weight from the scaled sigmoid of its position (inside a
 * window relative to the window's end, after a window relative to that window's end, {@code -1}
 * before the first window); only the earliest detection of a window counts; the threshold is
 * swept over every distinct score of the whole corpus and the best total kept (the highest
 * threshold on ties); the total is normalised so the null detector scores 0 and the perfect one
 * 100.
 *
 * <p>Immutable after creation and thread-safe.
 */
public final class NabScorer {

    /** Threshold that detects nothing (NAB starts its sweep here). */
    static final double NO_DETECTION = 1.1;

    private static final double MAX_TP = ScaledSigmoid.of(-1.0);

    private final List<NabDataFile> files;
    private final int[][] windowIds;
    private final double[][] positions;
    private final int windowCount;

    private NabScorer(List<NabDataFile> files) {
        this.files = List.copyOf(files);
        this.windowIds = new int[files.size()][];
        this.positions = new double[files.size()][];
        int nextWindow = 0;
        for (int f = 0; f < files.size(); f++) {
            NabDataFile file = files.get(f);
            windowIds[f] = new int[file.rows()];
            positions[f] = new double[file.rows()];
            nextWindow = weigh(file, windowIds[f], positions[f], nextWindow);
        }
        this.windowCount = nextWindow;
    }

    /**
     * A scorer for {@code files}; window ids are numbered across files in the given order.
     *
     * @throws NullPointerException if {@code files} is null or holds null
     */
    public static NabScorer of(List<NabDataFile> files) {
        return new NabScorer(files);
    }

    /** Labelled windows across every file. */
    public int windows() {
        return windowCount;
    }

    /** Row markers: window id inside a window, {@link #OUTSIDE} outside, {@link #PROBATION} in probation. */
    static final int OUTSIDE = -1;
    static final int PROBATION = -2;

    private static int weigh(NabDataFile file, int[] ids, double[] unweighted, int firstWindow) {
        int probation = NabDataFile.probationaryRows(file.rows());
        int windowId = firstWindow;
        NabWindow previous = null;
        NabWindow current = null;
        int nextWindow = 0;
        for (int i = 0; i < file.rows(); i++) {
            if (current == null && nextWindow < file.windows().size()
                    && file.windows().get(nextWindow).firstRow() == i) {
                current = file.windows().get(nextWindow++);
            }
            if (current != null) {
                double y = -(current.lastRow() - i + 1) / (double) current.width();
                unweighted[i] = ScaledSigmoid.of(y) / MAX_TP;
                ids[i] = windowId;
            } else {
                double y = previous == null ? 3.0 : Math.abs(previous.lastRow() - i) / (double) (previous.width() - 1);
                unweighted[i] = ScaledSigmoid.of(y);
                ids[i] = OUTSIDE;
            }
            if (i < probation) {
                ids[i] = PROBATION;
            }
            if (current != null && i == current.lastRow()) {
                previous = current;
                current = null;
                windowId++;
            }
        }
        return windowId;
    }

    /**
     * The best score over every threshold NAB would try, for {@code profile}.
     *
     * @param scores one array of anomaly scores per file, in the files' order, one per row
     * @throws IllegalArgumentException if the scores do not match the files row for row
     */
    public NabScore best(NabProfile profile, List<double[]> scores) {
        Sweep sweep = new Sweep(profile, scores);
        return sweep.run();
    }

    /**
     * The score at a fixed {@code threshold} for {@code profile}.
     *
     * @throws IllegalArgumentException if the scores do not match the files row for row
     */
    public NabScore at(NabProfile profile, List<double[]> scores, double threshold) {
        return new Sweep(profile, scores).at(threshold);
    }

    /**
     * Per-file scores at {@code threshold}, in file order, for diagnosis.
     *
     * @throws IllegalArgumentException if the scores do not match the files row for row
     */
    public List<NabScore> perFile(NabProfile profile, List<double[]> scores, double threshold) {
        requireMatching(scores);
        List<NabScore> result = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            NabScorer single = new NabScorer(List.of(files.get(f)));
            result.add(single.at(profile, List.of(scores.get(f)), threshold));
        }
        return result;
    }

    private void requireMatching(List<double[]> scores) {
        if (scores.size() != files.size()) {
            throw new IllegalArgumentException("expected scores for " + files.size() + " files, got " + scores.size());
        }
        for (int f = 0; f < files.size(); f++) {
            if (scores.get(f).length != files.get(f).rows()) {
                throw new IllegalArgumentException("expected " + files.get(f).rows() + " scores for "
                        + files.get(f).key() + ", got " + scores.get(f).length);
            }
        }
    }

    /** One sweep over the scorable rows of every file, highest score first. */
    private final class Sweep {
        private final NabProfile profile;
        private final double[] score;
        private final double[] weight;
        private final int[] window;
        private final Integer[] order;

        Sweep(NabProfile profile, List<double[]> scores) {
            requireMatching(scores);
            this.profile = profile;
            int n = 0;
            for (int f = 0; f < files.size(); f++) {
                for (int id : windowIds[f]) {
                    n += id == PROBATION ? 0 : 1;
                }
            }
            score = new double[n];
            weight = new double[n];
            window = new int[n];
            int k = 0;
            for (int f = 0; f < files.size(); f++) {
                for (int i = 0; i < windowIds[f].length; i++) {
                    int id = windowIds[f][i];
                    if (id == PROBATION) {
                        continue;
                    }
                    score[k] = scores.get(f)[i];
                    window[k] = id;
                    weight[k] = positions[f][i] * (id == OUTSIDE ? profile.fpWeight() : profile.tpWeight());
                    k++;
                }
            }
            order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        }

        NabScore run() {
            return walk(Double.NaN);
        }

        NabScore at(double threshold) {
            return walk(threshold);
        }

        /** Walks thresholds downwards; a NaN {@code fixed} keeps the best, else stops at {@code fixed}. */
        private NabScore walk(double fixed) {
            double[] best = new double[windowCount];
            Arrays.fill(best, -profile.fnWeight());
            double windowPart = -profile.fnWeight() * windowCount;
            double fpPart = 0;
            int detected = 0;
            int falsePositives = 0;
            NabScore top = score(NO_DETECTION, windowPart, 0, 0);
            int k = 0;
            while (k < order.length) {
                double threshold = score[order[k]];
                if (!Double.isNaN(fixed) && threshold < fixed) {
                    break;
                }
                while (k < order.length && score[order[k]] == threshold) {
                    int row = order[k++];
                    if (window[row] == OUTSIDE) {
                        fpPart += weight[row];
                        falsePositives++;
                    } else if (weight[row] > best[window[row]]) {
                        if (best[window[row]] == -profile.fnWeight()) {
                            detected++;
                        }
                        windowPart += weight[row] - best[window[row]];
                        best[window[row]] = weight[row];
                    }
                }
                NabScore candidate = score(threshold, windowPart + fpPart, detected, falsePositives);
                if (!Double.isNaN(fixed) || candidate.rawScore() > top.rawScore()) {
                    top = candidate;
                }
            }
            return top;
        }

        private NabScore score(double threshold, double raw, int detected, int falsePositives) {
            double nullScore = -profile.fnWeight() * windowCount;
            double perfect = profile.tpWeight() * windowCount;
            double normalised = windowCount == 0 ? 0.0 : 100.0 * (raw - nullScore) / (perfect - nullScore);
            return new NabScore(profile, threshold, raw, normalised, detected, windowCount, falsePositives);
        }
    }
}
