package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code homeostat circuits [list | reset NAME | force-open NAME] --reason TEXT}: circuit
 * breakers of a running server; reset and force-open need an operator token.
 */
@Command(name = "circuits", mixinStandardHelpOptions = true,
        description = "Lists circuit breakers (default), or resets / forces one open (operator).")
final class CircuitsCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ApiClient client;

    @Parameters(index = "0", defaultValue = "list", description = "list, reset or force-open")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the circuit's name (for reset and force-open)")
    String name;

    @Option(names = "--reason", description = "why (required for reset and force-open)")
    String reason;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (action.equals("list")) {
                JsonNode answer = client.get("/api/v1/circuits");
                if (client.json) {
                    out.println(client.pretty(answer));
                } else {
                    Table table = new Table("NAME", "STATE", "WHERE", "CALLS", "FAILURES", "REASON");
                    for (JsonNode circuit : answer.path("circuits")) {
                        table.row(circuit.path("name").asText(), circuit.path("state").asText(),
                                circuit.path("local").asBoolean() ? "local" : "remote", circuit.path("calls").asText(),
                                circuit.path("failures").asText(), circuit.path("reason").asText());
                    }
                    table.print(out);
                }
                out.flush();
                return 0;
            }
            if (!action.equals("reset") && !action.equals("force-open")) {
                spec.commandLine().getErr().println("homeostat circuits: unknown action '" + action + "': list, reset or force-open");
                return 2;
            }
            if (name == null || reason == null || reason.isBlank()) {
                spec.commandLine().getErr().println("homeostat circuits " + action + ": needs NAME and --reason");
                return 2;
            }
            JsonNode answer = client.post("/api/v1/circuits/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/" + action, Map.of("reason", reason));
            out.println(client.json ? client.pretty(answer) : answer.path("name").asText() + " is now " + answer.path("state").asText());
            out.flush();
            return 0;
        } catch (ApiClient.ApiCallException e) {
            spec.commandLine().getErr().println("homeostat circuits: " + e.getMessage());
            return 1;
        }
    }
}
