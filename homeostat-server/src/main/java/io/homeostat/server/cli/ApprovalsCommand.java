package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code homeostat approvals [list | approve RUN | reject RUN] [--note TEXT]}: high-risk steps waiting for a person. */
@Command(name = "approvals", mixinStandardHelpOptions = true,
        description = "Lists recovery steps waiting for approval (default), or approves / rejects one (operator).")
final class ApprovalsCommand extends ClientCommand {

    @Parameters(index = "0", defaultValue = "list", description = "list, approve or reject")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the run's id (for approve and reject)")
    String runId;

    @Option(names = "--note", description = "a note for the audit trail (required to reject)")
    String note;

    @Override
    void run(PrintWriter out) {
        switch (action) {
            case "list" -> {
                noArguments(action, runId);
                list(out);
            }
            case "approve", "reject" -> {
                String run = required(runId, "RUN (the run's id)");
                String text = action.equals("reject") ? required(note, "--note") : note == null ? "" : note;
                JsonNode answer = client.post("/api/v1/approvals/" + ApiClient.segment(run) + "/" + action,
                        Map.of("note", text));
                print(out, answer, "run " + run + " " + (action.equals("approve") ? "approved" : "rejected") + ": now "
                        + answer.path("phase").asText());
            }
            default -> throw new UsageException("unknown action '" + action + "': list, approve or reject");
        }
    }

    private void list(PrintWriter out) {
        JsonNode answer = client.get("/api/v1/approvals");
        if (client.json) {
            out.println(client.pretty(answer));
            return;
        }
        Table table = new Table("RUN", "WORKFLOW", "STEP", "ACTION", "SERVICE", "INCIDENT", "EXPIRES");
        for (JsonNode pending : answer.path("approvals")) {
            table.row(pending.path("runId").asText(), pending.path("workflow").asText(), pending.path("step").asText(),
                    pending.path("action").asText(), pending.path("service").asText(), pending.path("incidentId").asText(),
                    pending.path("expiresAt").asText());
        }
        table.print(out);
    }
}
