package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code homeostat flags [list | set NAME on|off|clear | set recovery.mode MODE] --reason TEXT}:
 * feature toggles and recovery's switches (kill switch, mode, and {@code recovery.service:NAME},
 * {@code recovery.action:NAME}, {@code recovery.risk:LEVEL} turned off); set needs an operator.
 */
@Command(name = "flags", mixinStandardHelpOptions = true,
        description = "Lists feature flags and recovery's switches (default), or sets one (operator).")
final class FlagsCommand extends ClientCommand {

    @Parameters(index = "0", defaultValue = "list", description = "list or set")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the flag (a feature, recovery.kill-switch, recovery.mode, recovery.service:NAME, "
            + "recovery.action:NAME or recovery.risk:LOW|MEDIUM|HIGH)")
    String name;

    @Parameters(index = "2", arity = "0..1", description = "on or off; clear (a feature only) drops its override;"
            + " for recovery.mode: full, limited, monitor or shadow")
    String value;

    @Option(names = "--reason", description = "why (required for set)")
    String reason;

    @Override
    void run(PrintWriter out) {
        switch (action) {
            case "list" -> {
                noArguments(action, name, value);
                list(out, client.get("/api/v1/flags"));
            }
            case "set" -> {
                String flag = required(name, "NAME");
                String setting = required(value, "a value: on, off or clear (a mode for recovery.mode)");
                Map<String, Object> body = new HashMap<>();
                body.put("reason", required(reason, "--reason"));
                if (flag.startsWith("recovery.") && setting.equalsIgnoreCase("clear")) {
                    throw new UsageException("clear is for feature flags; " + flag + " takes " + (flag.equals("recovery.mode")
                            ? "a mode: full, limited, monitor or shadow" : flag.equals("recovery.kill-switch")
                            ? "on or off (off lets recovery act again)" : "on or off (on lets recovery act on it again)"));
                }
                if (flag.equals("recovery.mode")) {
                    body.put("value", setting);
                } else {
                    body.put("enabled", switch (setting.toLowerCase(Locale.ROOT)) {
                        case "on", "true" -> Boolean.TRUE;
                        case "off", "false" -> Boolean.FALSE;
                        case "clear" -> null;
                        default -> throw new UsageException("value must be on, off or clear, was '" + setting + "'");
                    });
                }
                list(out, client.post("/api/v1/flags/" + ApiClient.segment(flag), body));
            }
            default -> throw new UsageException("unknown action '" + action + "': list or set");
        }
    }

    private void list(PrintWriter out, JsonNode answer) {
        if (client.json) {
            out.println(client.pretty(answer));
            return;
        }
        Table table = new Table("FLAG", "ON", "OVERRIDE");
        JsonNode switches = answer.path("recovery").path("switches");
        table.row("recovery.kill-switch", answer.path("recovery").path("killSwitch").asText(),
                setBy(switches, "recovery.kill-switch"));
        table.row("recovery.mode", answer.path("recovery").path("mode").asText(), setBy(switches, "recovery.mode"));
        for (String kind : new String[] {"service", "action", "risk"}) {
            String plural = kind.equals("risk") ? "disabledRisks" : kind.equals("service") ? "disabledServices" : "disabledActions";
            for (JsonNode target : answer.path("recovery").path(plural)) {
                String flag = "recovery." + kind + ":" + target.asText();
                table.row(flag, "false", setBy(switches, flag));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.path("features").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> feature = it.next();
            JsonNode override = feature.getValue().path("override");
            table.row(feature.getKey(), feature.getValue().path("enabled").asText(),
                    override.isObject() ? (override.path("enabled").asBoolean() ? "forced on: " : "forced off: ")
                            + override.path("reason").asText() : "");
        }
        table.print(out);
    }

    /** Who set a recovery switch last, and why: {@code by token:ops: failover}; blank if the store has no record. */
    private static String setBy(JsonNode switches, String flag) {
        for (JsonNode setting : switches) {
            if (setting.path("flag").asText().equals(flag)) {
                return "by " + setting.path("actor").asText() + ": " + setting.path("reason").asText();
            }
        }
        return "";
    }
}
