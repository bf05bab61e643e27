package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code homeostat incidents}: incidents of a running server, newest first. */
@Command(name = "incidents", mixinStandardHelpOptions = true, description = "Lists incidents, newest first.")
final class IncidentsCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ApiClient client;

    @Option(names = "--status", description = "only this status: open, diagnosed, remediating, resolved, escalated")
    String status;

    @Option(names = "--service", description = "only incidents touching this service")
    String service;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StringBuilder path = new StringBuilder("/api/v1/incidents?limit=100");
        if (status != null) {
            path.append("&status=").append(URLEncoder.encode(status, StandardCharsets.UTF_8));
        }
        if (service != null) {
            path.append("&service=").append(URLEncoder.encode(service, StandardCharsets.UTF_8));
        }
        try {
            JsonNode answer = client.get(path.toString());
            if (client.json) {
                out.println(client.pretty(answer));
            } else {
                Table table = new Table("ID", "STATUS", "SEVERITY", "SERVICES", "OPENED", "TITLE");
                for (JsonNode incident : answer.path("incidents")) {
                    table.row(incident.path("id").asText(), incident.path("status").asText(),
                            incident.path("severity").asText(), String.join(",", StatusCommand.texts(incident.path("services"))),
                            incident.path("openedAt").asText(), incident.path("title").asText());
                }
                table.print(out);
            }
            out.flush();
            return 0;
        } catch (ApiClient.ApiCallException e) {
            spec.commandLine().getErr().println("homeostat incidents: " + e.getMessage());
            return 1;
        }
    }
}
