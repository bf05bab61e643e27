package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code homeostat incidents resolve ID --reason TEXT}: resolves an active incident by hand
 * (operator); its alerts resolve with it. The server refuses (exit 1) an incident that is not
 * active, or one a recovery run works on.
 */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Resolves an active incident by hand (operator); its alerts resolve with it.")
final class IncidentResolveCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "the incident's id (see homeostat incidents)")
    String id;

    @Option(names = "--reason", description = "why (required)")
    String reason;

    @Override
    void run(PrintWriter out) {
        JsonNode answer = client.post("/api/v1/incidents/" + ApiClient.segment(id) + "/resolve",
                Map.of("reason", required(reason, "--reason")));
        print(out, answer, "incident " + id + " is now " + answer.path("status").asText());
    }
}
