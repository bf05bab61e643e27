package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code homeostat status}: the system health overview of a running server: incidents, circuits,
 * alerts, recovery (kill switch, mode, runs, approvals waiting), the degradation level, ingest and
 * the store's counts.
 */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the system health overview.")
final class StatusCommand extends ClientCommand {

    @Override
    void run(PrintWriter out) {
        JsonNode overview = client.get("/api/v1/overview");
        if (client.json) {
            out.println(client.pretty(overview));
            return;
        }
        JsonNode recovery = overview.path("recovery");
        JsonNode store = overview.path("store");
        new Table("WHAT", "VALUE")
                .row("active incidents", overview.path("activeIncidents").asText())
                .row("circuits", overview.path("circuits").asText())
                .row("open circuits", String.join(", ", texts(overview.path("openCircuits"))))
                .row("alerts", overview.path("alerts").asText())
                .row("kill switch", recovery.path("killSwitch").asBoolean() ? "on: recovery stopped" : "off")
                .row("automation mode", recovery.path("mode").asText())
                .row("degradation", overview.path("degradation").asText())
                .row("recovery runs", runs(recovery, "activeRuns"))
                .row("awaiting approval", runs(recovery, "awaitingApproval"))
                .row("signals accepted", overview.path("ingest").path("accepted").asText())
                .row("signals dropped", overview.path("bus").path("dropped").asText())
                .row("records stored", store.path("writtenRecords").asText())
                .row("records spooled", store.path("spooledRecords").asText() + " (replayed "
                        + store.path("replayedRecords").asText() + ")")
                .row("records lost", store.path("droppedRecords").asText())
                .print(out);
    }

    /** A count of recovery runs, or why it is unknown (the database does not answer). */
    private static String runs(JsonNode recovery, String field) {
        return recovery.path(field).isNumber() ? recovery.path(field).asText()
                : "unknown: " + recovery.path("unavailable").asText("the database does not answer");
    }

    static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
