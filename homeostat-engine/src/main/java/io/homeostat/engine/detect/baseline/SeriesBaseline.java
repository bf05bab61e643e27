package io.homeostat.engine.detect.baseline;

import io.homeostat.engine.detect.SeriesKey;

/**
 * The three windows of one series. A sample updates only the hour ring's newest (15-minute)
 * bucket; when that bucket closes it is rolled into the day and week rings, whose bucket
 * boundaries (4 h, 1 d, aligned to the epoch) are 15-minute boundaries too. A query adds the
 * still-open 15-minute bucket. Samples that arrive for a closed 15-minute bucket go to all three
 * rings directly. Not thread-safe.
 */
final class SeriesBaseline {

    private static final long FINE_MILLIS = BaselineWindow.HOUR.bucket().toMillis();
    private static final long DAY_MILLIS = BaselineWindow.DAY.bucket().toMillis();
    private static final long WEEK_MILLIS = BaselineWindow.WEEK.bucket().toMillis();

    private final BucketRing hour = new BucketRing(BaselineWindow.HOUR);
    private final BucketRing day = new BucketRing(BaselineWindow.DAY);
    private final BucketRing week = new BucketRing(BaselineWindow.WEEK);

    /**
     * Adds a sample.
     *
     * @return a bit per {@link BaselineWindow} ordinal whose window moved on to a new bucket
     */
    int add(long timeMillis, double value, int key) {
        long previous = hour.latest();
        if (previous != Long.MIN_VALUE && Math.floorDiv(timeMillis, FINE_MILLIS) > previous) {
            // The newest 15-minute bucket closes: roll it up before the hour ring moves past it.
            long closedStart = previous * FINE_MILLIS;
            int closed = hour.slot(previous);
            day.addAll(hour, closed, closedStart);
            week.addAll(hour, closed, closedStart);
            hour.add(timeMillis, value, key);
            int moved = 1 << BaselineWindow.HOUR.ordinal();
            if (Math.floorDiv(timeMillis, DAY_MILLIS) > Math.floorDiv(closedStart, DAY_MILLIS)) {
                moved |= 1 << BaselineWindow.DAY.ordinal();
            }
            if (Math.floorDiv(timeMillis, WEEK_MILLIS) > Math.floorDiv(closedStart, WEEK_MILLIS)) {
                moved |= 1 << BaselineWindow.WEEK.ordinal();
            }
            return moved;
        }
        int outcome = hour.add(timeMillis, value, key);
        if (outcome == BucketRing.LATE || outcome == BucketRing.DROPPED) {
            day.add(timeMillis, value, key);
            week.add(timeMillis, value, key);
        }
        return 0;
    }

    /** The baseline of {@code window} as of {@code nowMillis}, or null if it holds no sample. */
    Baseline baseline(SeriesKey series, BaselineWindow window, long nowMillis) {
        Accumulator sum = new Accumulator();
        BucketRing ring = switch (window) {
            case HOUR -> hour;
            case DAY -> day;
            case WEEK -> week;
        };
        if (window == BaselineWindow.HOUR) {
            hour.collect(sum, nowMillis, hour, -1, 0);
        } else {
            long open = hour.latest();
            ring.collect(sum, nowMillis, hour, open == Long.MIN_VALUE ? -1 : hour.slot(open), open * FINE_MILLIS);
        }
        return sum.baseline(series, window, nowMillis, ring.validUntil(nowMillis));
    }
}
