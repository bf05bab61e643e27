package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code homeostat status}: the system health overview of a running server. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows the system health overview.")
final class StatusCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ApiClient client;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            JsonNode overview = client.get("/api/v1/overview");
            if (client.json) {
                out.println(client.pretty(overview));
            } else {
                new Table("WHAT", "VALUE")
                        .row("active incidents", overview.path("activeIncidents").asText())
                        .row("circuits", overview.path("circuits").asText())
                        .row("open circuits", String.join(", ", texts(overview.path("openCircuits"))))
                        .row("alerts", overview.path("alerts").asText())
                        .row("signals accepted", overview.path("ingest").path("accepted").asText())
                        .row("signals dropped", overview.path("bus").path("dropped").asText())
                        .print(out);
            }
            out.flush();
            return 0;
        } catch (ApiClient.ApiCallException e) {
            spec.commandLine().getErr().println("homeostat status: " + e.getMessage());
            return 1;
        }
    }

    static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
