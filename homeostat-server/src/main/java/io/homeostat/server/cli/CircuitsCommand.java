package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code homeostat circuits [list | reset NAME | force-open NAME] --reason TEXT}: circuit
 * breakers of a running server; reset and force-open need an operator token.
 */
@Command(name = "circuits", mixinStandardHelpOptions = true,
        description = "Lists circuit breakers (default), or resets / forces one open (operator).")
final class CircuitsCommand extends ClientCommand {

    @Parameters(index = "0", defaultValue = "list", description = "list, reset or force-open")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the circuit's name (for reset and force-open)")
    String name;

    @Option(names = "--reason", description = "why (required for reset and force-open)")
    String reason;

    @Override
    void run(PrintWriter out) {
        switch (action) {
            case "list" -> {
                noArguments(action, name);
                list(out, client.get("/api/v1/circuits"));
            }
            case "reset", "force-open" -> {
                String circuit = required(name, "NAME");
                JsonNode answer = client.post("/api/v1/circuits/" + ApiClient.segment(circuit) + "/" + action,
                        Map.of("reason", required(reason, "--reason")));
                print(out, answer, answer.path("name").asText() + " is now " + answer.path("state").asText());
            }
            default -> throw new UsageException("unknown action '" + action + "': list, reset or force-open");
        }
    }

    private void list(PrintWriter out, JsonNode answer) {
        if (client.json) {
            out.println(client.pretty(answer));
            return;
        }
        Table table = new Table("NAME", "STATE", "WHERE", "CALLS", "FAILURES", "REASON");
        for (JsonNode circuit : answer.path("circuits")) {
            table.row(circuit.path("name").asText(), circuit.path("state").asText(),
                    circuit.path("local").asBoolean() ? "local" : "remote", circuit.path("calls").asText(),
                    circuit.path("failures").asText(), circuit.path("reason").asText());
        }
        table.print(out);
    }
}
