package io.homeostat.bench.nab;

import java.util.List;
import java.util.Objects;

/**
 * One NAB data file with its labelled windows. Immutable and thread-safe (the arrays are never
 * handed out).
 *
 * @param category the folder the file sits in, e.g. {@code realKnownCause}
 * @param fileName the file name, e.g. {@code nyc_taxi.csv}
 * @param timestamps the rows' timestamps as written in the file, in stream order
 * @param timestampMillis the rows' timestamps as UTC epoch milliseconds
 * @param values the rows' values
 * @param windows the labelled windows, in row order
 */
public record NabDataFile(String category, String fileName, List<String> timestamps,
                          long[] timestampMillis, double[] values, List<NabWindow> windows) {

    /**
     * Validates the file.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the columns differ in length or a window leaves the file
     */
    public NabDataFile {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(fileName, "fileName");
        timestamps = List.copyOf(timestamps);
        timestampMillis = timestampMillis.clone();
        values = values.clone();
        windows = List.copyOf(windows);
        if (timestampMillis.length != timestamps.size() || values.length != timestamps.size()) {
            throw new IllegalArgumentException("columns differ in length in " + fileName);
        }
        for (NabWindow window : windows) {
            if (window.lastRow() >= values.length) {
                throw new IllegalArgumentException("window " + window + " leaves " + fileName);
            }
        }
    }

    /** Rows in the file. */
    public int rows() {
        return values.length;
    }

    /** The value of row {@code row}. */
    public double value(int row) {
        return values[row];
    }

    /** The timestamp of row {@code row} in UTC epoch milliseconds. */
    public long timestampMillis(int row) {
        return timestampMillis[row];
    }

    /** {@code category/fileName}, the key NAB's label files use. */
    public String key() {
        return category + "/" + fileName;
    }

    /**
     * NAB's probationary period for a file of {@code rows} rows: {@code min(floor(0.15 rows), 750)}.
     *
     * @throws IllegalArgumentException if {@code rows} is negative
     */
    public static int probationaryRows(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, was " + rows);
        }
        return (int) Math.min(Math.floor(0.15 * rows), 750);
    }
}
