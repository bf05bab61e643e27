package io.homeostat.engine.execute.action;

import io.homeostat.engine.execute.Action;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code run_command}: runs the {@link AllowedCommand} named by {@code command}, exactly its argv
 * (a step cannot add arguments), with {@code HOMEOSTAT_INCIDENT}, {@code HOMEOSTAT_SERVICE} and
 * {@code HOMEOSTAT_KEY} in its environment. Exit code 0 is success; past its timeout it is killed
 * and the step fails. Prerequisite: the command is on the allow list. Risk is the command's.
 * Thread-safe.
 */
public final class CommandAction implements Action {

    private static final int KEEP_OUTPUT = 500;
    private final Map<String, AllowedCommand> allowed;

    public CommandAction(List<AllowedCommand> allowed) {
        this.allowed = allowed.stream().collect(Collectors.toUnmodifiableMap(AllowedCommand::name, Function.identity()));
    }

    @Override
    public String name() {
        return "run_command";
    }

    @Override
    public Optional<Set<String>> paramNames() {
        return Optional.of(Set.of("command"));
    }

    @Override
    public RiskLevel risk(Map<String, String> params) {
        AllowedCommand command = allowed.get(params.getOrDefault("command", ""));
        return command == null ? RiskLevel.HIGH : command.risk();
    }

    @Override
    public Optional<String> unmetPrerequisite(ActionRequest request) {
        String name = request.param("command").orElse("");
        return allowed.containsKey(name) ? Optional.empty()
                : Optional.of("command '" + name + "' is not on the allow list");
    }

    @Override
    public ActionResult run(ActionRequest request) {
        AllowedCommand command = allowed.get(request.required("command"));
        if (command == null) {
            throw new ActionFailedException("command '" + request.required("command") + "' is not on the allow list");
        }
        ProcessBuilder builder = new ProcessBuilder(command.argv()).redirectErrorStream(true);
        builder.environment().put("HOMEOSTAT_INCIDENT", request.incidentId());
        builder.environment().put("HOMEOSTAT_SERVICE", request.service());
        builder.environment().put("HOMEOSTAT_KEY", request.key());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ActionFailedException("command " + command.name() + " did not start: " + e.getMessage(), e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), output));
        try {
            if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ActionFailedException("command " + command.name() + " ran past " + command.timeout());
            }
            reader.join(1_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ActionFailedException("interrupted running " + command.name(), e);
        }
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        text = text.length() > KEEP_OUTPUT ? text.substring(0, KEEP_OUTPUT) : text;
        if (process.exitValue() != 0) {
            throw new ActionFailedException("command " + command.name() + " exited " + process.exitValue() + ": " + text.strip());
        }
        return new ActionResult("command " + command.name() + " exited 0", Map.of("output", text.strip()));
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    if (out.size() < 4 * KEEP_OUTPUT) {
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended or was killed; what was read is kept
        }
    }
}
