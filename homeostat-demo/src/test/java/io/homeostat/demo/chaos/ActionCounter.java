package io.homeostat.demo.chaos;

import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.core.fallback.TierKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps every action of a catalog so the scenarios can count what really ran (the engine's own
 * audit says what it decided; this says what was done). Each run is kept as
 * {@code action service key}. Thread-safe.
 */
final class ActionCounter {

    /** One run of an action. */
    record Ran(String action, String service, String key) {
    }

    final List<Ran> runs = new CopyOnWriteArrayList<>();

    /** {@code catalog} with every action counted. */
    ActionCatalog wrap(ActionCatalog catalog) {
        return ActionCatalog.of(catalog.names().stream().map(n -> counted(catalog.find(n).orElseThrow())).toList());
    }

    /** The runs of {@code action}. */
    List<Ran> of(String action) {
        return runs.stream().filter(r -> r.action().equals(action)).toList();
    }

    private Action counted(Action action) {
        return new Action() {
            @Override
            public String name() {
                return action.name();
            }

            @Override
            public RiskLevel risk(Map<String, String> params) {
                return action.risk(params);
            }

            @Override
            public Optional<TierKind> serves() {
                return action.serves();
            }

            @Override
            public Optional<String> unmetPrerequisite(ActionRequest request) {
                return action.unmetPrerequisite(request);
            }

            @Override
            public ActionResult run(ActionRequest request) {
                runs.add(new Ran(action.name(), request.service(), request.key()));
                return action.run(request);
            }

            @Override
            public boolean reversible() {
                return action.reversible();
            }

            @Override
            public void rollback(ActionRequest request, ActionResult result) {
                action.rollback(request, result);
            }
        };
    }
}
