package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code homeostat degradation [get | set LEVEL --reason TEXT]}: the degradation level; set needs an operator. */
@Command(name = "degradation", mixinStandardHelpOptions = true,
        description = "Shows the degradation level (default), or sets it (operator): full, reduced, essential, read_only, maintenance.")
final class DegradationCommand extends ClientCommand {

    @Parameters(index = "0", defaultValue = "get", description = "get or set")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the level (for set)")
    String level;

    @Option(names = "--reason", description = "why (required for set)")
    String reason;

    @Override
    void run(PrintWriter out) {
        JsonNode answer = switch (action) {
            case "get" -> {
                noArguments(action, level);
                yield client.get("/api/v1/degradation");
            }
            case "set" -> client.post("/api/v1/degradation",
                    Map.of("level", required(level, "LEVEL"), "reason", required(reason, "--reason")));
            default -> throw new UsageException("unknown action '" + action + "': get or set");
        };
        JsonNode change = answer.path("lastChange");
        print(out, answer, "degradation level " + answer.path("level").asText()
                + (change.isObject() ? " (since " + change.path("time").asText() + ": " + change.path("reason").asText() + ")" : ""));
    }
}
