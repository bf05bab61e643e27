package io.homeostat.engine.execute;

/** How much recovery may do, for a safe rollout; switchable at run time ({@link RecoveryFlags#mode(AutomationMode)}). */
public enum AutomationMode {
    /** Choose workflows and record every step it would run; act on nothing, tell nobody. */
    SHADOW,
    /** Like shadow, and alert people with what it would have done. */
    MONITOR,
    /** Run low-risk actions only; a riskier step escalates. */
    LIMITED,
    /** Run everything the gates allow. */
    FULL
}
