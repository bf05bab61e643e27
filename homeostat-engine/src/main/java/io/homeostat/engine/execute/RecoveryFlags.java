package io.homeostat.engine.execute;

import io.homeostat.engine.plan.RiskLevel;
import io.homeostat.engine.port.RecoverySwitch;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The switches people flip at run time: the automation mode, a global kill switch, and flags that
 * turn recovery off per component (a service), per action and per risk level. Defaults: mode
 * {@link AutomationMode#FULL}, kill switch off, nothing disabled. Thread-safe. They live in
 * memory; a server keeps each change in a {@link io.homeostat.engine.port.RecoverySwitchStore}
 * and {@link #apply}s the stored ones at start.
 */
public final class RecoveryFlags {

    private volatile AutomationMode mode = AutomationMode.FULL;
    private volatile boolean killed;
    private final Set<String> disabledServices = ConcurrentHashMap.newKeySet();
    private final Set<String> disabledActions = ConcurrentHashMap.newKeySet();
    private final Set<RiskLevel> disabledRisks = Collections.synchronizedSet(EnumSet.noneOf(RiskLevel.class));

    /** The automation mode now. */
    public AutomationMode mode() {
        return mode;
    }

    /** Switches the automation mode; takes effect at the next step. */
    public RecoveryFlags mode(AutomationMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** True while the kill switch is on: no run starts and no step acts; they escalate. */
    public boolean killed() {
        return killed;
    }

    /** Turns the kill switch on or off. */
    public RecoveryFlags kill(boolean on) {
        this.killed = on;
        return this;
    }

    /** Turns automated recovery of {@code service} off or back on. */
    public RecoveryFlags service(String service, boolean enabled) {
        toggle(disabledServices, Objects.requireNonNull(service, "service"), enabled);
        return this;
    }

    /** Turns the action named so off or back on. */
    public RecoveryFlags action(String action, boolean enabled) {
        toggle(disabledActions, Objects.requireNonNull(action, "action"), enabled);
        return this;
    }

    /** Turns every action of {@code risk} off or back on. */
    public RecoveryFlags risk(RiskLevel risk, boolean enabled) {
        toggle(disabledRisks, Objects.requireNonNull(risk, "risk"), enabled);
        return this;
    }

    /** Sets the switch {@code setting} names as it says (its actor, reason and time are not kept here). */
    public RecoveryFlags apply(RecoverySwitch setting) {
        Objects.requireNonNull(setting, "setting");
        return switch (setting.kind()) {
            case KILL_SWITCH -> kill(setting.enabled());
            case MODE -> mode(setting.mode());
            case SERVICE -> service(setting.target(), setting.enabled());
            case ACTION -> action(setting.target(), setting.enabled());
            case RISK -> risk(RiskLevel.valueOf(setting.target()), setting.enabled());
        };
    }

    /** The services whose recovery is turned off now, sorted; a copy. */
    public SortedSet<String> disabledServices() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(disabledServices));
    }

    /** The actions turned off now, sorted; a copy. */
    public SortedSet<String> disabledActions() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(disabledActions));
    }

    /** The risk levels whose actions are turned off now, lowest first; a copy. */
    public SortedSet<RiskLevel> disabledRisks() {
        synchronized (disabledRisks) {
            return Collections.unmodifiableSortedSet(new TreeSet<>(disabledRisks));
        }
    }

    /** Why the flags forbid acting with {@code action} of {@code risk} on {@code service}; empty text if they do not. */
    String forbids(String service, String action, RiskLevel risk) {
        if (killed) {
            return "kill switch is on";
        }
        if (disabledServices.contains(service)) {
            return "recovery of " + service + " is turned off";
        }
        if (disabledActions.contains(action)) {
            return "action " + action + " is turned off";
        }
        if (disabledRisks.contains(risk)) {
            return risk + " risk actions are turned off";
        }
        return "";
    }

    private static <T> void toggle(Set<T> disabled, T key, boolean enabled) {
        if (enabled) {
            disabled.remove(key);
        } else {
            disabled.add(key);
        }
    }
}
