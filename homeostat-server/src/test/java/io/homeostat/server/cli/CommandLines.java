package io.homeostat.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code homeostat} in this JVM with a given environment, capturing what it prints. */
final class CommandLines {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    private final Map<String, String> environment;

    CommandLines(Map<String, String> environment) {
        this.environment = environment;
    }

    int run(String... args) {
        CommandLine command = new CommandLine(new HomeostatCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                try {
                    Constructor<K> withEnvironment = type.getDeclaredConstructor(Map.class);
                    return withEnvironment.newInstance(environment);
                } catch (NoSuchMethodException none) {
                    return CommandLine.defaultFactory().create(type);
                }
            }
        });
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }
}
