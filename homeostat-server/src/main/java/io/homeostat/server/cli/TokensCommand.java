package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code homeostat tokens [list | create NAME --role ROLE | revoke NAME]}: the API tokens of a
 * running server, for admins. A new token's secret is printed once.
 */
@Command(name = "tokens", mixinStandardHelpOptions = true,
        description = "Lists API tokens (default), creates one (its secret is printed once) or revokes one (admin).")
final class TokensCommand extends ClientCommand {

    @Parameters(index = "0", defaultValue = "list", description = "list, create or revoke")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "the token's name (for create and revoke)")
    String name;

    @Option(names = "--role", description = "viewer, operator or admin (required for create)")
    String role;

    @Override
    void run(PrintWriter out) {
        switch (action) {
            case "list" -> {
                noArguments(action, name);
                JsonNode answer = client.get("/api/v1/tokens");
                if (client.json) {
                    out.println(client.pretty(answer));
                    return;
                }
                Table table = new Table("NAME", "ROLE");
                answer.path("tokens").forEach(token -> table.row(token.path("name").asText(), token.path("role").asText()));
                table.print(out);
            }
            case "create" -> {
                JsonNode answer = client.post("/api/v1/tokens",
                        Map.of("name", required(name, "NAME"), "role", required(role, "--role")));
                print(out, answer, "token " + answer.path("name").asText() + " (" + answer.path("role").asText() + "): "
                        + answer.path("secret").asText() + "\nThe secret is shown this once: keep it now.");
            }
            case "revoke" -> {
                JsonNode answer = client.delete("/api/v1/tokens/" + ApiClient.segment(required(name, "NAME")));
                print(out, answer, "revoked " + answer.path("name").asText() + " (" + answer.path("role").asText() + ")");
            }
            default -> throw new UsageException("unknown action '" + action + "': list, create or revoke");
        }
    }
}
