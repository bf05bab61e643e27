package io.homeostat.engine.execute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The actions steps may name. Immutable and thread-safe. */
public final class ActionCatalog {

    private final Map<String, Action> actions;

    private ActionCatalog(Map<String, Action> actions) {
        this.actions = actions;
    }

    /**
     * A catalog of {@code actions}.
     *
     * @throws IllegalArgumentException if two share a name
     */
    public static ActionCatalog of(List<? extends Action> actions) {
        Map<String, Action> byName = new LinkedHashMap<>();
        for (Action action : actions) {
            if (byName.put(action.name(), action) != null) {
                throw new IllegalArgumentException("two actions are named '" + action.name() + "'");
            }
        }
        return new ActionCatalog(Map.copyOf(byName));
    }

    /** The action named so, if any. */
    public Optional<Action> find(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    /** Every action's name. */
    public Set<String> names() {
        return actions.keySet();
    }
}
