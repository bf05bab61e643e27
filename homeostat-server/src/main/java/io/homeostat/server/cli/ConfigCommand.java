package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code homeostat config [show | reload]}: the configuration in effect, or a reload of the
 * {@code homeostat.yaml} the server was started with (admin). A refused reload (an invalid file,
 * with its file:line:key) exits 1 and changes nothing.
 */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Shows the configuration in effect (default), or reloads the server's homeostat.yaml (admin).")
final class ConfigCommand extends ClientCommand {

    @Parameters(index = "0", defaultValue = "show", description = "show or reload")
    String action;

    @Override
    void run(PrintWriter out) {
        switch (action) {
            case "show" -> show(out, client.get("/api/v1/config"));
            case "reload" -> reload(out, client.post("/api/v1/config/reload", Map.of()));
            default -> throw new UsageException("unknown action '" + action + "': show or reload");
        }
    }

    private void show(PrintWriter out, JsonNode answer) {
        if (client.json) {
            out.println(client.pretty(answer));
            return;
        }
        JsonNode server = answer.path("server");
        JsonNode file = answer.path("configuration");
        out.println("server      " + server.path("host").asText() + ":" + server.path("port").asText()
                + ", data " + server.path("dataDirectory").asText());
        out.println("file        " + (file.path("path").isTextual() ? file.path("path").asText() : "(none: shipped defaults)"));
        out.println("from file   " + join(file.path("sectionsFromFile")));
        out.println("threshold   " + names(file.path("thresholdRules")));
        out.println("trend       " + names(file.path("trendRules")));
        out.println("diagnosis   " + file.path("diagnosisRules").path("version").asText() + ": "
                + join(file.path("diagnosisRules").path("rules")));
        out.println("workflows   " + join(answer.path("loop").path("workflows")));
        JsonNode incidents = answer.path("loop").path("incidents");
        out.println("incidents   resolve after " + duration(incidents.path("hold")) + " quiet, correlate within "
                + duration(incidents.path("correlationWindow")) + ", flapping after "
                + incidents.path("flapThreshold").asText() + " resolutions in " + duration(incidents.path("flapWindow")));
        JsonNode alerting = answer.path("loop").path("alerting");
        List<String> receivers = new ArrayList<>();
        alerting.path("receivers").fields().forEachRemaining(receiver ->
                receivers.add(receiver.getKey() + " (" + join(receiver.getValue()) + ")"));
        List<String> onCall = new ArrayList<>();
        alerting.path("onCall").fields().forEachRemaining(level ->
                onCall.add(level.getKey() + " -> " + level.getValue().path("receiver").asText() + " ("
                        + level.getValue().path("now").asText() + " now, of " + join(level.getValue().path("people"))
                        + ")"));
        out.println("alerting    to " + alerting.path("rootReceiver").asText() + "; receivers " + String.join(", ", receivers)
                + "; on call " + (onCall.isEmpty() ? "nobody" : String.join(", ", onCall)));
        JsonNode redis = answer.path("redis");
        out.println("redis       " + (redis.isObject() ? redis.path("url").asText() + ", stream " + redis.path("prefix").asText()
                + ":stream:" + redis.path("stream").asText() + ", group " + redis.path("group").asText() : "-"));
        List<String> flags = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = file.path("flags").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> flag = it.next();
            flags.add(flag.getKey() + (flag.getValue().path("enabled").asBoolean(true) ? "" : " (off)")
                    + " through " + flag.getValue().path("onThrough").asText().toLowerCase(java.util.Locale.ROOT));
        }
        out.println("flags       " + (flags.isEmpty() ? "-" : String.join(", ", flags)));
    }

    /** "PT5M" as "5m", "PT1H30M" as "1h30m". */
    private static String duration(JsonNode iso) {
        return iso.asText().replace("PT", "").toLowerCase(java.util.Locale.ROOT);
    }

    private void reload(PrintWriter out, JsonNode answer) {
        if (client.json) {
            out.println(client.pretty(answer));
            return;
        }
        out.println("reloaded " + answer.path("file").asText() + ": " + answer.path("summary").asText());
    }

    private static String names(JsonNode rules) {
        List<String> names = new ArrayList<>();
        rules.forEach(rule -> names.add(rule.path("name").asText()));
        return names.isEmpty() ? "-" : String.join(", ", names);
    }

    private static String join(JsonNode list) {
        List<String> items = new ArrayList<>();
        list.forEach(item -> items.add(item.asText()));
        return items.isEmpty() ? "-" : String.join(", ", items);
    }
}
