package io.homeostat.engine.execute;

import java.util.Map;
import java.util.Objects;

/**
 * What an action did. Immutable.
 *
 * @param detail one line for the audit trail
 * @param undo what the action's rollback needs (e.g. the provider used before a failover); stored
 *     with the step so a rollback works after a restart
 */
public record ActionResult(String detail, Map<String, String> undo) {

    public ActionResult {
        Objects.requireNonNull(detail, "detail");
        undo = Map.copyOf(undo);
    }

    /** A result with nothing to undo. */
    public static ActionResult of(String detail) {
        return new ActionResult(detail, Map.of());
    }
}
