package io.homeostat.engine.detect.pattern;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The episodes that started around the same time of day as the latest one, over the lookback:
 * how many distinct days they fall on, their mean time of day, and how regular they are.
 */
record DailyCluster(int days, int episodes, int centreMinute, Instant earliest, double regularity) {

    private static final int MINUTES_PER_DAY = 24 * 60;

    /**
     * Share of the episodes in the lookback that must fall in the cluster: a failure spread over
     * the whole day is not a time-of-day pattern, however many days it spans.
     */
    static final double MIN_CONCENTRATION = 0.5;

    /** The cluster around {@code latest}, if the episodes concentrate there. */
    static Optional<DailyCluster> around(Instant latest, Iterable<Instant> starts, Duration lookback,
            Duration tolerance, ZoneId zone) {
        Instant from = latest.minus(lookback);
        int target = minuteOfDay(latest, zone);
        long tol = tolerance.toMinutes();
        Set<LocalDate> days = new HashSet<>();
        int total = 0;
        int matching = 0;
        double sin = 0;
        double cos = 0;
        Instant earliest = latest;
        for (Instant start : starts) {
            if (start.isBefore(from) || start.isAfter(latest)) {
                continue;
            }
            total++;
            int minute = minuteOfDay(start, zone);
            if (distance(minute, target) > tol) {
                continue;
            }
            matching++;
            days.add(start.atZone(zone).toLocalDate());
            double angle = 2 * Math.PI * minute / MINUTES_PER_DAY;
            sin += Math.sin(angle);
            cos += Math.cos(angle);
            if (start.isBefore(earliest)) {
                earliest = start;
            }
        }
        if (matching == 0 || matching < MIN_CONCENTRATION * total) {
            return Optional.empty();
        }
        double mean = Math.atan2(sin, cos);
        int centre = (int) Math.round((mean < 0 ? mean + 2 * Math.PI : mean) * MINUTES_PER_DAY / (2 * Math.PI))
                % MINUTES_PER_DAY;
        long span = ChronoUnit.DAYS.between(earliest.atZone(zone).toLocalDate(), latest.atZone(zone).toLocalDate()) + 1;
        return Optional.of(new DailyCluster(days.size(), matching, centre, earliest, Math.min(1.0, days.size() / (double) span)));
    }

    /** {@code HH:MM} of the cluster's centre. */
    String clock() {
        return String.format("%02d:%02d", centreMinute / 60, centreMinute % 60);
    }

    private static int minuteOfDay(Instant time, ZoneId zone) {
        ZonedDateTime local = time.atZone(zone);
        return local.getHour() * 60 + local.getMinute();
    }

    private static int distance(int a, int b) {
        int d = Math.abs(a - b);
        return Math.min(d, MINUTES_PER_DAY - d);
    }
}
