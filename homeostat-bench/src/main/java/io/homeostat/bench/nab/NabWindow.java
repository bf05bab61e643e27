package io.homeostat.bench.nab;

/**
 * A labelled anomaly window as row indexes into its data file, both ends inclusive. Immutable.
 *
 * @param firstRow the window's first row, zero or positive
 * @param lastRow the window's last row, not before {@code firstRow}
 */
public record NabWindow(int firstRow, int lastRow) {

    /**
     * Validates the window.
     *
     * @throws IllegalArgumentException if {@code firstRow} is negative or after {@code lastRow}
     */
    public NabWindow {
        if (firstRow < 0 || lastRow < firstRow) {
            throw new IllegalArgumentException("bad window rows [" + firstRow + ", " + lastRow + "]");
        }
    }

    /** Rows in the window, both ends counted. */
    public int width() {
        return lastRow - firstRow + 1;
    }
}
