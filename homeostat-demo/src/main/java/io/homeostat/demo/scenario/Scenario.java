package io.homeostat.demo.scenario;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A chaos schedule: faults at offsets from the start of a run. Immutable. The same schedule and
 * the same seed always give the same {@link #resolve(long) resolved} schedule: each fault's start
 * moves by a seeded amount within {@code ±jitter}, never before 0.
 *
 * @param name what the schedule is called in the report
 * @param jitter how far the seed may move each fault's start, either way; zero for none
 * @param faults the faults, in any order
 */
public record Scenario(String name, Duration jitter, List<FaultSpec> faults) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jitter, "jitter");
        faults = List.copyOf(faults);
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter must not be negative, was " + jitter);
        }
    }

    /** A schedule without faults (the {@code --no-chaos} run). */
    public static Scenario none() {
        return new Scenario("no chaos", Duration.ZERO, List.of());
    }

    /**
     * The faults with their starts moved by {@code seed} within the jitter, sorted by start.
     * Deterministic: the same seed gives the same list.
     */
    public List<FaultSpec> resolve(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long jitterMillis = jitter.toMillis();
        return faults.stream().map(f -> {
            long shift = jitterMillis == 0 ? 0 : random.nextLong(-jitterMillis, jitterMillis + 1);
            long at = Math.max(0, f.at().toMillis() + shift);
            return f.startingAt(Duration.ofMillis(at));
        }).sorted(Comparator.comparing(FaultSpec::at)).toList();
    }

    /** When the last fault ends; zero without faults. */
    public Duration end() {
        return faults.stream().map(FaultSpec::end).max(Comparator.naturalOrder()).orElse(Duration.ZERO).plus(jitter);
    }
}
