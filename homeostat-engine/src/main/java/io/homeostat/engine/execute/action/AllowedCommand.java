package io.homeostat.engine.execute.action;

import io.homeostat.engine.plan.RiskLevel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A command the {@code run_command} action may run, configured by operators: a program and its
 * arguments as a list, run directly (no shell, so nothing in it is interpreted). Immutable.
 *
 * @param name what steps call it by, e.g. {@code scale-up}
 * @param argv the program and its arguments; at least the program
 * @param risk the risk of running it
 * @param timeout how long it may run before it is killed and the step fails
 */
public record AllowedCommand(String name, List<String> argv, RiskLevel risk, Duration timeout) {

    public AllowedCommand {
        Objects.requireNonNull(name, "name");
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.getFirst().isBlank()) {
            throw new IllegalArgumentException("argv needs at least the program");
        }
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }
}
