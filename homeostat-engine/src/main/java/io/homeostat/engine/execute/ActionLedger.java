package io.homeostat.engine.execute;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What ran when: per action, runs per UTC day (for daily caps); per (service, action), the last run
 * (for cooldowns). Kept in memory. Thread-safe.
 */
final class ActionLedger {

    private final Map<String, Integer> today = new HashMap<>();
    private final Map<String, Instant> last = new HashMap<>();
    private LocalDate day = LocalDate.MIN;

    synchronized void record(String service, String action, Instant now) {
        roll(now);
        today.merge(action, 1, Integer::sum);
        last.put(service + '\u0000' + action, now);
    }

    synchronized int runsToday(String action, Instant now) {
        roll(now);
        return today.getOrDefault(action, 0);
    }

    synchronized Optional<Instant> lastRun(String service, String action) {
        return Optional.ofNullable(last.get(service + '\u0000' + action));
    }

    private void roll(Instant now) {
        LocalDate d = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!d.equals(day)) {
            day = d;
            today.clear();
        }
    }
}
