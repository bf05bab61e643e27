package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What an operator's subcommand with actions does around its call: the client options, the exit
 * codes (0 done, 1 the server or the connection said no, or the server did nothing, 2 the command
 * line is wrong) and the error line on stderr naming the command. Subclasses implement
 * {@link #run}. Not thread-safe.
 */
abstract class ClientCommand implements Callable<Integer> {

    /** The command line is wrong: exit 2 with this message. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** The server took the request and did nothing (e.g. a recovery held): exit 1 with this message. */
    static final class NothingDoneException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingDoneException(String message) {
            super(message);
        }
    }

    @CommandLine.Mixin
    ApiClient client;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Does the work, printing to {@code out}. */
    abstract void run(PrintWriter out);

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            run(out);
            return 0;
        } catch (UsageException e) {
            return fail(e, 2);
        } catch (ApiClient.ApiCallException | NothingDoneException e) {
            return fail(e, 1);
        } finally {
            out.flush();
        }
    }

    private int fail(RuntimeException e, int code) {
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("homeostat " + spec.qualifiedName(" ").replaceFirst("^homeostat ", "")
                + ": " + e.getMessage());
        spec.commandLine().getErr().flush();
        return code;
    }

    /** Prints {@code answer} as JSON with {@code --json}, else {@code line}. */
    void print(PrintWriter out, JsonNode answer, String line) {
        out.println(client.json ? client.pretty(answer) : line);
    }

    /**
     * A usage error naming the arguments given that {@code action} does not take (the positional
     * parameters its command declares for other actions), if any: they would be ignored otherwise.
     */
    static void noArguments(String action, String... given) {
        List<String> extra = Stream.of(given).filter(Objects::nonNull).toList();
        if (!extra.isEmpty()) {
            throw new UsageException(action + " takes no argument, got unexpected "
                    + String.join(" ", extra.stream().map(arg -> "'" + arg + "'").toList()));
        }
    }

    /** {@code value}, or a usage error saying what is missing. */
    static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new UsageException("needs " + what);
        }
        return value;
    }
}
