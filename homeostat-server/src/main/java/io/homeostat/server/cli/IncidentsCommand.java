package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.engine.port.IncidentQuery;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code homeostat incidents [--limit N]}: incidents of a running server, newest first, at most
 * {@code N}; says on stderr when there may be more. {@code incidents resolve} is
 * {@link IncidentResolveCommand}.
 */
@Command(name = "incidents", mixinStandardHelpOptions = true, subcommands = IncidentResolveCommand.class,
        description = "Lists incidents, newest first; 'incidents resolve ID --reason TEXT' resolves one by hand.")
final class IncidentsCommand implements Callable<Integer> {

    /** The most {@code GET /api/v1/incidents} returns at once. */
    static final int MAX_LIMIT = IncidentQuery.MAX_LIMIT;

    @CommandLine.Mixin
    ApiClient client;

    @Option(names = "--status", description = "only this status: open, diagnosed, remediating, resolved, escalated")
    String status;

    @Option(names = "--service", description = "only incidents touching this service")
    String service;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "at most this many, in [1, " + MAX_LIMIT + "] (default: ${DEFAULT-VALUE})")
    int limit;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 1 || limit > MAX_LIMIT) {
            err.println("homeostat incidents: --limit must be in [1, " + MAX_LIMIT + "], was " + limit);
            return 2;
        }
        StringBuilder path = new StringBuilder("/api/v1/incidents?limit=").append(limit);
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
            if (answer.path("incidents").size() >= limit) {
                err.println("homeostat incidents: showing the first " + limit + "; there may be more: "
                        + (limit < MAX_LIMIT ? "use --limit (at most " + MAX_LIMIT + ")" : "narrow with --status or --service"));
            }
            return 0;
        } catch (ApiClient.ApiCallException e) {
            err.println("homeostat incidents: " + e.getMessage());
            return 1;
        }
    }
}
