package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code homeostat recover WORKFLOW (--incident ID | --service NAME) --reason TEXT}: starts a
 * workflow by hand (operator). Exits 0 only when a run started: a start the server held (kill
 * switch, flags, blast radius, ...) or escalated exits 1, saying why.
 */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Starts a recovery workflow by hand for an active incident, or for a service (operator).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:a run started",
            "1:nothing was started: held (kill switch, flags, flapping, blast radius, concurrency), no workflow, "
                    + "already running, incident not active; or the server refused or could not be reached",
            "2:the command line is wrong"})
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
        String outcome = answer.path("outcome").asText();
        print(out, answer, "workflow " + workflow + ": " + outcome
                + (answer.path("runId").asText().isEmpty() ? "" : ", run " + answer.path("runId").asText())
                + " for incident " + answer.path("incidentId").asText() + " on " + answer.path("service").asText()
                + " (" + answer.path("reason").asText() + ")"
                + (answer.path("now").asText().startsWith("waiting: ") ? "; " + answer.path("now").asText() : ""));
        if (!outcome.equals("STARTED")) {
            throw new NothingDoneException("nothing was started (" + outcome + ": " + answer.path("reason").asText() + ")");
        }
    }
}
