package io.homeostat.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code homeostat} command: its subcommands, and the process's exit code. */
@Command(name = "homeostat", mixinStandardHelpOptions = true, version = "homeostat 0.1.0-SNAPSHOT",
        description = "A self-healing runtime for Java services: the server and an operator's client.",
        subcommands = {ServerCommand.class, StatusCommand.class, IncidentsCommand.class, CircuitsCommand.class,
                RecoverCommand.class, ApprovalsCommand.class, AlertsCommand.class, FlagsCommand.class,
                DegradationCommand.class, DbCommand.class, ConfigCommand.class})
public final class HomeostatCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its code (a server keeps running until it is stopped). */
    public static void main(String[] args) {
        int code = new CommandLine(new HomeostatCommand()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
