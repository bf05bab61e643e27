package io.homeostat.engine.execute;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What ran when: per action, runs per UTC day (for daily caps); per (service, action), the last run
 * (for cooldowns). Counts an action when it starts (an attempt that failed still counts). Kept in
 * memory and rebuilt from the store's step records when an orchestrator starts. Thread-safe.
 */
final class ActionLedger {

    private final Map<String, Integer> today = new HashMap<>();
    private final Map<String, Stamp> last = new HashMap<>();

    private record Stamp(Instant time, String runId) {
    }
    private LocalDate day = LocalDate.MIN;

    synchronized void record(String service, String action, Instant time, String runId) {
        roll(time);
        if (LocalDate.ofInstant(time, ZoneOffset.UTC).equals(day)) {
            today.merge(action, 1, Integer::sum);
        }
        last.merge(service + '\u0000' + action, new Stamp(time, runId), (a, b) -> a.time().isAfter(b.time()) ? a : b);
    }

    synchronized int runsToday(String action, Instant now) {
        roll(now);
        return today.getOrDefault(action, 0);
    }

    /** When the action last started on the service in another run than {@code runId}; a run's own retries do not cool it down. */
    synchronized Optional<Instant> lastRun(String service, String action, String runId) {
        Stamp stamp = last.get(service + '\u0000' + action);
        return stamp == null || stamp.runId().equals(runId) ? Optional.empty() : Optional.of(stamp.time());
    }

    private void roll(Instant now) {
        LocalDate d = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (d.isAfter(day)) {
            day = d;
            today.clear();
        }
    }
}
