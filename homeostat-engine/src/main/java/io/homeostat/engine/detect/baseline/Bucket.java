package io.homeostat.engine.detect.baseline;

/**
 * The samples of one time bucket: count, mean and sum of squared deviations (Welford, so the
 * variance keeps its precision on large values), minimum, maximum and a {@link LogHistogram}.
 * Not thread-safe.
 */
final class Bucket {

    long index = Long.MIN_VALUE;
    long count;
    double mean;
    double m2;
    double min;
    double max;
    final LogHistogram histogram = new LogHistogram();

    void reset(long newIndex) {
        index = newIndex;
        count = 0;
        mean = 0;
        m2 = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        histogram.clear();
    }

    void add(double value, int key) {
        count++;
        double delta = value - mean;
        mean += delta / count;
        m2 += delta * (value - mean);
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
        histogram.add(key);
    }

    /** Adds every sample of {@code other} (Chan et al.'s combination of count, mean and M2). */
    void addAll(Bucket other) {
        if (other.count == 0) {
            return;
        }
        long total = count + other.count;
        double delta = other.mean - mean;
        mean += delta * other.count / total;
        m2 += other.m2 + delta * delta * ((double) count * other.count / total);
        count = total;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        histogram.addAll(other.histogram);
    }
}
