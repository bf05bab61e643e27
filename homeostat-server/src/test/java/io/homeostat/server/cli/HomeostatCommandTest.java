package io.homeostat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code homeostat} itself answers: the version on every subcommand, and a missing subcommand. */
class HomeostatCommandTest {

    @Test
    void everySubcommandPrintsTheVersionItsHelpAdvertises() {
        CommandLines top = new CommandLines(Map.of());
        assertThat(top.run("-V")).isZero();
        String version = top.out.toString().strip();
        assertThat(version).startsWith("homeostat ");

        for (String[] args : new String[][] {{"status", "-V"}, {"incidents", "-V"}, {"incidents", "resolve", "-V"},
                {"alerts", "--version"}, {"db", "-V"}, {"db", "info", "-V"}, {"server", "-V"}, {"flags", "-V"}}) {
            CommandLines sub = new CommandLines(Map.of());
            assertThat(sub.run(args)).as(String.join(" ", args)).isZero();
            assertThat(sub.out.toString().strip()).as(String.join(" ", args)).isEqualTo(version);
            CommandLines help = new CommandLines(Map.of());
            assertThat(help.run(args[0], "--help")).isZero();
            assertThat(help.out.toString()).as("its own help, not the top-level's").contains("Usage: homeostat " + args[0]);
        }
    }

    @Test
    void aMissingSubcommandIsAUsageError() {
        CommandLines db = new CommandLines(Map.of());
        assertThat(db.run("db")).isEqualTo(2);
        assertThat(db.err.toString()).contains("homeostat db: needs a subcommand: migrate, validate or info",
                "Usage: homeostat db");
        assertThat(db.out.toString()).isEmpty();

        CommandLines top = new CommandLines(Map.of());
        assertThat(top.run()).isEqualTo(2);
        assertThat(top.err.toString()).contains("homeostat: needs a command", "Usage: homeostat");
    }
}
