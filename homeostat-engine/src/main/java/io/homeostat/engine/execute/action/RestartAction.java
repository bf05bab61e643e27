package io.homeostat.engine.execute.action;

import io.homeostat.core.control.KernelControl;
import io.homeostat.engine.config.ConfigDurations;
import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code restart_process}: restarts the managed component named by {@code component} (default: the
 * service's name) gracefully, letting its work in flight finish for {@code drain} (default
 * {@value #DEFAULT_DRAIN}; at most {@value #MAX_DRAIN}); a restart that has not returned within
 * {@code timeout} (default the drain plus {@value #DEFAULT_START}, longer than the drain) fails the
 * step, its outcome unknown (the component is interrupted). Only components the application
 * registered as a {@link io.homeostat.core.control.Restartable} with the kernel control are
 * restarted: for any other the prerequisite is unmet ("not managed") and nothing runs.
 *
 * <p>Medium risk (callers see the component drain and come back); high with {@code drain: 0s}, a
 * hard restart that drops the work in flight. Nothing to undo: a restart cannot be taken back, so
 * give the step success criteria (e.g. {@code memory_used below 0.8}). Thread-safe.
 */
public final class RestartAction implements Action {

    /** The drain when the step names none: {@value}. */
    public static final String DEFAULT_DRAIN = "30s";

    /** The longest drain a step may ask for: {@value}. */
    public static final String MAX_DRAIN = "10m";

    /** How long a component may take to start again after its drain, unless the step says {@code timeout}: {@value}. */
    public static final String DEFAULT_START = "1m";

    private final KernelControl control;

    public RestartAction(KernelControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "restart_process";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("component", "drain", "timeout"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        Optional<Duration> drain = ConfigDurations.parse(params.getOrDefault("drain", DEFAULT_DRAIN).strip());
        return drain.isPresent() && drain.get().isZero() ? RiskLevel.HIGH : RiskLevel.MEDIUM;
    }

    /** {@code drain} and {@code timeout}, if given, must be durations within the bounds above. */
    @Override
    public Optional<String> invalidParams(Map<String, String> params) {
        try {
            timeout(Optional.ofNullable(params.get("timeout")), drain(Optional.ofNullable(params.get("drain"))));
            return Optional.empty();
        } catch (ActionFailedException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public Optional<String> unmetPrerequisite(ActionRequest request) {
        String name = component(request);
        if (control.restartable(name).isEmpty()) {
            return Optional.of(name + " is not managed: no restartable component is registered under that name");
        }
        try {
            timeout(request, drain(request));
        } catch (ActionFailedException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    @Override
    public ActionResult run(ActionRequest request) {
        String name = component(request);
        Duration drain = drain(request);
        Duration timeout = timeout(request, drain);
        if (control.restartable(name).isEmpty()) {
            throw new ActionFailedException(name + " is not managed: nothing restarted");
        }
        FutureTask<String> restart = new FutureTask<>(() -> control.restart(name, drain, "recovery " + request.key()));
        Thread.ofVirtual().name("homeostat-restart-" + name).start(restart);
        try {
            String detail = restart.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ActionResult("restarted " + name + " (drain " + drain + "): " + detail,
                    Map.of("component", name, "drain", drain.toString()));
        } catch (TimeoutException e) {
            restart.cancel(true);
            throw new ActionFailedException("restart of " + name + " did not finish within " + timeout
                    + "; its state is unknown", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ActionFailedException("restart of " + name + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            restart.cancel(true);
            Thread.currentThread().interrupt();
            throw new ActionFailedException("interrupted restarting " + name, e);
        }
    }

    private static Duration timeout(ActionRequest request, Duration drain) {
        return timeout(request.param("timeout"), drain);
    }

    private static Duration timeout(Optional<String> given, Duration drain) {
        Optional<String> text = given.map(String::strip);
        if (text.isEmpty()) {
            return drain.plus(ConfigDurations.parse(DEFAULT_START).orElseThrow());
        }
        Duration timeout = ConfigDurations.parse(text.get())
                .orElseThrow(() -> new ActionFailedException("timeout '" + text.get() + "' is not a duration such as 2m"));
        if (timeout.compareTo(drain) <= 0) {
            throw new ActionFailedException("timeout " + text.get() + " must be longer than the drain " + drain);
        }
        return timeout;
    }

    private static String component(ActionRequest request) {
        return request.param("component").orElse(request.service());
    }

    private static Duration drain(ActionRequest request) {
        return drain(request.param("drain"));
    }

    private static Duration drain(Optional<String> given) {
        String text = given.orElse(DEFAULT_DRAIN).strip();
        Duration drain = ConfigDurations.parse(text)
                .orElseThrow(() -> new ActionFailedException("drain '" + text + "' is not a duration such as 30s"));
        if (drain.compareTo(ConfigDurations.parse(MAX_DRAIN).orElseThrow()) > 0) {
            throw new ActionFailedException("drain " + text + " is longer than the most allowed, " + MAX_DRAIN);
        }
        return drain;
    }
}
