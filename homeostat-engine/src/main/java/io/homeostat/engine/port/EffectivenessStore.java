package io.homeostat.engine.port;

import io.homeostat.engine.learn.Effectiveness;
import io.homeostat.engine.learn.RecoveryOutcome;
import java.util.List;
import java.util.Optional;

/**
 * Where the learned effectiveness of recovery actions is kept: one {@link Effectiveness} tally
 * per (problem key, action). Problem keys are fingerprints and {@code type:} keys
 * ({@link io.homeostat.engine.learn.Problem#keys()}); the store treats both as opaque strings.
 *
 * <p>Implementations are thread-safe and each method is atomic: concurrent records of distinct
 * outcomes all count. Times to recover are added in whole milliseconds and outcome times are kept
 * to the millisecond. An implementation may throw its own unchecked exception when its storage fails.
 */
public interface EffectivenessStore {

    /**
     * Adds {@code outcome} to the tally of ({@code problemKey}, {@code outcome.action()}), creating
     * it at the first outcome ({@link Effectiveness#plus}). An outcome whose id was already recorded
     * under {@code problemKey} changes nothing; the same id under another key counts there.
     *
     * @return true if it was counted, false if its id was already recorded under that key
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code problemKey} is blank
     */
    boolean record(String problemKey, RecoveryOutcome outcome);

    /** The tally of ({@code problemKey}, {@code action}); empty if nothing was recorded there. */
    Optional<Effectiveness> find(String problemKey, String action);

    /** Every tally under {@code problemKey}, by action ascending (string order); empty if none. */
    List<Effectiveness> forProblem(String problemKey);

    /**
     * Every tally, by problem key then action ascending (string order); empty if none. For
     * reports (the learning progress people see), not for the loop's hot path.
     */
    List<Effectiveness> all();

    /**
     * Forgets the tally of ({@code problemKey}, {@code action}) and the outcome ids recorded for it,
     * e.g. after an action was fixed and deserves a fresh start.
     *
     * @return true if there was a tally
     */
    boolean forget(String problemKey, String action);
}
