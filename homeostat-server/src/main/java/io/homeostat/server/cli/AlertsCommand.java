package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code homeostat alerts [list | ack FP | resolve FP | silence --match label=value --minutes N |
 * silences | unsilence ID] --reason TEXT}: alerts of a running server; changes need an operator.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = "Lists alerts (default); acknowledges, resolves or silences them (operator); lists and ends silences.")
final class AlertsCommand extends ClientCommand {

    @Parameters(index = "0", defaultValue = "list", description = "list, ack, resolve, silence, silences or unsilence")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the alert's fingerprint (ack, resolve) or the silence's id (unsilence)")
    String target;

    @Option(names = "--reason", description = "why (required for ack, resolve and silence)")
    String reason;

    @Option(names = "--match", description = "label=value an alert must have to be silenced (repeatable, one value per label)")
    List<String> matches = List.of();

    @Option(names = "--minutes", description = "how long a silence lasts (default: ${DEFAULT-VALUE})", defaultValue = "60")
    int minutes;

    @Override
    void run(PrintWriter out) {
        switch (action) {
            case "list" -> {
                noArguments(action, target);
                list(out);
            }
            case "ack", "resolve" -> {
                String fingerprint = required(target, "FINGERPRINT");
                JsonNode answer = client.post("/api/v1/alerts/" + ApiClient.segment(fingerprint) + "/" + action,
                        Map.of("reason", required(reason, "--reason")));
                String state = answer.path("state").asText();
                print(out, answer, action.equals("ack")
                        ? "alert " + fingerprint + " acknowledged by " + answer.path("acknowledgedBy").asText()
                                + " (still " + state + ")"
                        : "alert " + fingerprint + " is now " + state);
            }
            case "silence" -> {
                noArguments(action, target);
                silence(out);
            }
            case "silences" -> {
                noArguments(action, target);
                silences(out);
            }
            case "unsilence" -> {
                String id = required(target, "ID (the silence's)");
                JsonNode answer = client.delete("/api/v1/alerts/silences/" + ApiClient.segment(id));
                print(out, answer, "silence " + id + " ended");
            }
            default -> throw new UsageException("unknown action '" + action
                    + "': list, ack, resolve, silence, silences or unsilence");
        }
    }

    private void list(PrintWriter out) {
        JsonNode answer = client.get("/api/v1/alerts");
        if (client.json) {
            out.println(client.pretty(answer));
            return;
        }
        Table table = new Table("FINGERPRINT", "STATE", "ACKED BY", "SERVICE", "SEVERITY", "COUNT", "SUMMARY");
        for (JsonNode alert : answer.path("alerts")) {
            String ackedBy = alert.path("acknowledgedBy").asText();
            table.row(alert.path("fingerprint").asText(), alert.path("state").asText(), ackedBy.isEmpty() ? "-" : ackedBy,
                    alert.path("labels").path("service").asText(), alert.path("labels").path("severity").asText(),
                    alert.path("count").asText(), alert.path("summary").asText());
        }
        table.print(out);
    }

    private void silence(PrintWriter out) {
        if (matches.isEmpty()) {
            throw new UsageException("needs at least one --match label=value");
        }
        Map<String, String> matchers = new LinkedHashMap<>();
        for (String match : matches) {
            int eq = match.indexOf('=');
            if (eq < 1 || eq == match.length() - 1) {
                throw new UsageException("--match must be label=value, was '" + match + "'");
            }
            String label = match.substring(0, eq);
            if (matchers.putIfAbsent(label, match.substring(eq + 1)) != null) {
                throw new UsageException("--match " + label + "= given twice: a silence matches one value per label"
                        + " (silence each value on its own)");
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matchers", matchers);
        body.put("minutes", minutes);
        body.put("comment", required(reason, "--reason"));
        JsonNode answer = client.post("/api/v1/alerts/silences", body);
        print(out, answer, "silence " + answer.path("id").asText() + " until " + answer.path("endsAt").asText());
    }

    private void silences(PrintWriter out) {
        JsonNode answer = client.get("/api/v1/alerts/silences");
        if (client.json) {
            out.println(client.pretty(answer));
            return;
        }
        Table table = new Table("ID", "MATCHERS", "ENDS", "AUTHOR", "COMMENT");
        for (JsonNode silence : answer.path("silences")) {
            StringBuilder matchers = new StringBuilder();
            for (JsonNode m : silence.path("matchers")) {
                matchers.append(matchers.isEmpty() ? "" : ",").append(m.path("label").asText()).append('=')
                        .append(m.path("value").asText());
            }
            table.row(silence.path("id").asText(), matchers.toString(), silence.path("endsAt").asText(),
                    silence.path("author").asText(), silence.path("comment").asText());
        }
        table.print(out);
    }
}
