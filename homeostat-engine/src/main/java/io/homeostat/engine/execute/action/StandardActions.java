package io.homeostat.engine.execute.action;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionCatalog;
import io.homeostat.engine.execute.EscalationSink;
import java.util.ArrayList;
import java.util.List;

/** Builds the catalog of built-in actions. */
public final class StandardActions {

    private StandardActions() {
    }

    /**
     * Every built-in action: {@code reprobe}, {@code open_circuit}, {@code reset_circuit},
     * {@code failover}, {@code clear_cache}, {@code warm_cache}, {@code set_degradation},
     * {@code feature_toggle}, {@code trigger_gc}, {@code reset_pool}, {@code restart_process}, {@code scale},
     * {@code webhook}, {@code run_command}, {@code alert};
     * plus {@code extra} ones.
     *
     * @param routes the routes {@code control} knows, for failover by current provider
     * @throws IllegalArgumentException if an extra action reuses a name
     */
    public static ActionCatalog catalog(KernelControl control, List<ProviderRoute> routes, EscalationSink sink,
            List<WebhookTarget> webhooks, List<AllowedCommand> commands, Clock clock, List<Action> extra) {
        List<Action> actions = new ArrayList<>(List.of(new ReprobeAction(control), CircuitAction.open(control),
                CircuitAction.reset(control), new FailoverAction(control, routes), CacheAction.clear(control),
                CacheAction.warm(control), new DegradationAction(control), new FeatureToggleAction(control),
                new GcAction(), new PoolResetAction(control), new RestartAction(control), new ScaleAction(control),
                new WebhookAction(webhooks, clock), new CommandAction(commands), new AlertAction(sink)));
        actions.addAll(extra);
        return ActionCatalog.of(actions);
    }
}
