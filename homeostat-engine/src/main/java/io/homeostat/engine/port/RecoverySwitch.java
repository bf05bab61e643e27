package io.homeostat.engine.port;

import io.homeostat.engine.execute.AutomationMode;
import io.homeostat.engine.plan.RiskLevel;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One of recovery's run-time switches as a person last set it, kept so that a restart does not
 * forget it: the kill switch, the automation mode, or recovery turned on or off for one service,
 * one action or one risk level. Immutable, thread-safe.
 *
 * @param kind which switch
 * @param target the service, the action or the risk level ({@link RiskLevel} name) it is about;
 *     empty for {@link Kind#KILL_SWITCH} and {@link Kind#MODE}
 * @param enabled for {@link Kind#KILL_SWITCH}: the switch is on (recovery stopped); for a service,
 *     an action or a risk: recovery of it is allowed; false for {@link Kind#MODE}
 * @param mode the automation mode for {@link Kind#MODE}; {@link AutomationMode#FULL} for the others
 * @param actor who set it, e.g. {@code token:ops}
 * @param reason why, in words; may be empty
 * @param time when it was set
 */
public record RecoverySwitch(Kind kind, String target, boolean enabled, AutomationMode mode, String actor,
        String reason, Instant time) {

    /** Longest target kept (a service or action name), and longest actor: {@value}. */
    public static final int MAX_TARGET = 200;
    /** Longest reason kept: {@value}. */
    public static final int MAX_REASON = 2000;

    /** The switches recovery has. */
    public enum Kind {
        /** Stops every run and step while on. */
        KILL_SWITCH,
        /** How much recovery may do ({@link AutomationMode}). */
        MODE,
        /** Recovery of one service. */
        SERVICE,
        /** One action, wherever it appears. */
        ACTION,
        /** Every action of one risk level. */
        RISK
    }

    /**
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the target does not fit the kind (empty for the kill
     *     switch and mode; a name for a service or action, at most {@value #MAX_TARGET} characters;
     *     a {@link RiskLevel} name for a risk), a mode is given for another kind, the actor is
     *     blank or longer than {@value #MAX_TARGET}, or the reason longer than {@value #MAX_REASON}
     */
    public RecoverySwitch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(time, "time");
        switch (kind) {
            case KILL_SWITCH, MODE -> {
                if (!target.isEmpty()) {
                    throw new IllegalArgumentException(kind + " has no target, was '" + target + "'");
                }
            }
            case SERVICE, ACTION -> {
                if (target.isBlank() || target.length() > MAX_TARGET) {
                    throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT)
                            + " must be a name of 1 to " + MAX_TARGET + " characters, was '" + target + "'");
                }
            }
            case RISK -> {
                if (Arrays.stream(RiskLevel.values()).noneMatch(r -> r.name().equals(target))) {
                    throw new IllegalArgumentException("risk must be one of " + Arrays.toString(RiskLevel.values())
                            + ", was '" + target + "'");
                }
            }
        }
        if (actor.isBlank() || actor.length() > MAX_TARGET) {
            throw new IllegalArgumentException("actor must be 1 to " + MAX_TARGET + " characters, was '" + actor + "'");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason must be at most " + MAX_REASON + " characters, was " + reason.length());
        }
        if (kind == Kind.MODE && enabled) {
            throw new IllegalArgumentException("the mode switch has a mode, not enabled");
        }
        if (kind != Kind.MODE && mode != AutomationMode.FULL) {
            throw new IllegalArgumentException(kind + " has no mode, was " + mode);
        }
    }

    /** The kill switch on ({@code on}) or off. */
    public static RecoverySwitch killSwitch(boolean on, String actor, String reason, Instant time) {
        return new RecoverySwitch(Kind.KILL_SWITCH, "", on, AutomationMode.FULL, actor, reason, time);
    }

    /** The automation mode. */
    public static RecoverySwitch mode(AutomationMode mode, String actor, String reason, Instant time) {
        return new RecoverySwitch(Kind.MODE, "", false, mode, actor, reason, time);
    }

    /** Recovery of {@code service} allowed ({@code enabled}) or turned off. */
    public static RecoverySwitch service(String service, boolean enabled, String actor, String reason, Instant time) {
        return new RecoverySwitch(Kind.SERVICE, service, enabled, AutomationMode.FULL, actor, reason, time);
    }

    /** The action named {@code action} allowed or turned off. */
    public static RecoverySwitch action(String action, boolean enabled, String actor, String reason, Instant time) {
        return new RecoverySwitch(Kind.ACTION, action, enabled, AutomationMode.FULL, actor, reason, time);
    }

    /** Actions of {@code risk} allowed or turned off. */
    public static RecoverySwitch risk(RiskLevel risk, boolean enabled, String actor, String reason, Instant time) {
        return new RecoverySwitch(Kind.RISK, risk.name(), enabled, AutomationMode.FULL, actor, reason, time);
    }
}
