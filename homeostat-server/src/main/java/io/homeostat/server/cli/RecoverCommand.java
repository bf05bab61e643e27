package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code homeostat recover WORKFLOW (--incident ID | --service NAME) --reason TEXT}: starts a workflow by hand (operator). */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Starts a recovery workflow by hand for an active incident, or for a service (operator).")
final class RecoverCommand extends ClientCommand {

    @Parameters(index = "0", description = "the workflow's name (see GET /api/v1/workflows)")
    String workflow;

    @Option(names = "--incident", description = "the active incident to recover")
    String incident;

    @Option(names = "--service", description = "the service to recover (a manual incident is opened when no --incident)")
    String service;

    @Option(names = "--reason", description = "why (required)")
    String reason;

    @Override
    void run(PrintWriter out) {
        if ((incident == null || incident.isBlank()) && (service == null || service.isBlank())) {
            throw new UsageException("needs --incident ID or --service NAME");
        }
        Map<String, String> body = new LinkedHashMap<>();
        if (incident != null) {
            body.put("incident", incident);
        }
        if (service != null) {
            body.put("service", service);
        }
        body.put("reason", required(reason, "--reason"));
        JsonNode answer = client.post("/api/v1/workflows/" + ApiClient.segment(workflow) + "/runs", body);
        print(out, answer, "workflow " + workflow + ": " + answer.path("outcome").asText()
                + (answer.path("runId").asText().isEmpty() ? "" : ", run " + answer.path("runId").asText())
                + " for incident " + answer.path("incidentId").asText() + " on " + answer.path("service").asText()
                + " (" + answer.path("reason").asText() + ")");
    }
}
