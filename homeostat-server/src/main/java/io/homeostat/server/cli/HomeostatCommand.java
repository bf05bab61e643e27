package io.homeostat.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code homeostat} command: its subcommands, and the process's exit code. Its attributes
 * (the help options and the version) are inherited by every subcommand, so that the
 * {@code -V, --version} each one's help lists prints the version there too. Without a subcommand it
 * is a usage error (exit 2), as a missing argument is.
 */
@Command(name = "homeostat", mixinStandardHelpOptions = true, version = "homeostat 0.1.0-SNAPSHOT",
        scope = CommandLine.ScopeType.INHERIT,
        description = "A self-healing runtime for Java services: the server and an operator's client.",
        subcommands = {ServerCommand.class, StatusCommand.class, IncidentsCommand.class, CircuitsCommand.class,
                RecoverCommand.class, ApprovalsCommand.class, AlertsCommand.class, FlagsCommand.class,
                DegradationCommand.class, TokensCommand.class, DbCommand.class, ConfigCommand.class})
public final class HomeostatCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "homeostat: needs a command");
    }

    /** Runs the command line and exits with its code (a server keeps running until it is stopped). */
    public static void main(String[] args) {
        int code = new CommandLine(new HomeostatCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
