package io.homeostat.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.server.HomeostatServer;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.store.jdbc.SchemaMigrations;
import io.homeostat.store.jdbc.StoreConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code homeostat db migrate|validate|info}: the store's schema migrations on their own, against
 * the database the server would use (the embedded H2 under {@code --data}, or
 * {@code HOMEOSTAT_STORE_URL}). The embedded H2 file can be opened by one process at a time: stop
 * the server first. Only {@code migrate} creates a database that does not exist: {@code info} and
 * {@code validate} say "no database at ..." (a misspelt {@code --data}) and create nothing. Exit
 * codes: 0 done (valid), 1 invalid schema, no database, database unreachable or in use by a running
 * server, 2 bad settings or no subcommand.
 */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Schema migrations of the store (Flyway).",
        subcommands = {DbCommand.Migrate.class, DbCommand.Validate.class, DbCommand.Info.class})
final class DbCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "homeostat db: needs a subcommand: migrate, validate or info");
    }

    /** The options every db subcommand takes. */
    static final class StoreOptions {
        @Option(names = "--data", description = "the server's data directory (default: ./data)")
        Path data;

        @Option(names = "--config", description = "homeostat.yaml (its server.data is used)")
        Path config;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;
    }

    /** What the three subcommands share: settings, errors, output. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions options;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private final Map<String, String> environment;

        Base(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
        }

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            Settings settings;
            try {
                settings = Settings.resolve(options.config, environment, null, null, options.data);
            } catch (Settings.InvalidSettingsException e) {
                err.println("homeostat db " + spec.name() + ": " + e.getMessage());
                return 2;
            }
            Path embedded = HomeostatServer.embeddedDatabaseFile(settings.server());
            if (!creates() && isEmbedded(settings) && !Files.exists(embedded)) {
                err.println("homeostat db " + spec.name() + ": no database at " + embedded
                        + " (is --data right? 'homeostat db migrate' or the server's first start creates it)");
                return 1;
            }
            try {
                return run(creates() ? settings : readOnly(settings), spec.commandLine().getOut());
            } catch (StoreUnavailableException e) {
                err.println("homeostat db " + spec.name() + ": " + (!ServerCommand.databaseInUse(e) ? e.getMessage()
                        : isEmbedded(settings) ? ServerCommand.dataDirectoryInUse(settings.server().dataDirectory())
                        : "the database " + settings.store().jdbcUrl() + " is in use by another process (a server? stop it first)"));
                return 1;
            } finally {
                spec.commandLine().getOut().flush();
                err.flush();
            }
        }

        abstract int run(Settings settings, PrintWriter out) throws Exception;

        /** Whether this subcommand may create the database; the others only read it. */
        boolean creates() {
            return false;
        }

        private static boolean isEmbedded(Settings settings) {
            return settings.store().jdbcUrl().equals(HomeostatServer.embeddedStore(settings.server()).jdbcUrl());
        }

        /**
         * The settings with an H2 file URL that refuses to create the database it names
         * ({@code IFEXISTS=TRUE}), unless the URL says otherwise; other URLs as they are.
         */
        private static Settings readOnly(Settings settings) {
            StoreConfig store = settings.store();
            String url = store.jdbcUrl();
            String rest = url.startsWith("jdbc:h2:") ? url.substring("jdbc:h2:".length()) : "";
            boolean file = rest.startsWith("file:") || rest.startsWith("/") || rest.startsWith(".") || rest.startsWith("~");
            if (!file || url.toUpperCase(Locale.ROOT).contains(";IFEXISTS=")) {
                return settings;
            }
            return new Settings(settings.server(), store.withJdbc(url + ";IFEXISTS=TRUE", store.user(), store.password()),
                    settings.configFile(), settings.overrides());
        }

        String json(Object value) throws Exception {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Applies the pending migrations.")
    static final class Migrate extends Base {
        Migrate() {
            super(System.getenv());
        }

        Migrate(Map<String, String> environment) {
            super(environment);
        }

        @Override
        boolean creates() {
            return true;
        }

        @Override
        int run(Settings settings, PrintWriter out) throws Exception {
            Optional<String> server = SchemaMigrations.leaseHolder(settings.store(), ControlLoop.SERVER_LEASE);
            if (server.isPresent()) {
                spec.commandLine().getErr().println("homeostat db migrate: a server (" + server.get() + ") runs on "
                        + settings.store().jdbcUrl() + "; stop it before changing its schema");
                return 1;
            }
            int applied = SchemaMigrations.migrate(settings.store());
            List<SchemaMigrations.Migration> all = SchemaMigrations.info(settings.store());
            String version = all.stream().filter(m -> m.state().equals("Success")).reduce((a, b) -> b)
                    .map(SchemaMigrations.Migration::version).orElse("none");
            if (options.json) {
                out.println(json(Map.of("applied", applied, "version", version)));
            } else {
                out.println("applied " + applied + " migration" + (applied == 1 ? "" : "s") + "; schema at version "
                        + version);
            }
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Checks the applied migrations against this version's (exit 1 if they differ or some are pending).")
    static final class Validate extends Base {
        Validate() {
            super(System.getenv());
        }

        Validate(Map<String, String> environment) {
            super(environment);
        }

        @Override
        int run(Settings settings, PrintWriter out) throws Exception {
            List<String> problems = SchemaMigrations.validate(settings.store());
            if (options.json) {
                out.println(json(Map.of("valid", problems.isEmpty(), "problems", problems)));
            } else if (problems.isEmpty()) {
                out.println("schema valid");
            } else {
                problems.forEach(problem -> out.println("invalid: " + problem));
            }
            return problems.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Lists every migration, applied or pending.")
    static final class Info extends Base {
        Info() {
            super(System.getenv());
        }

        Info(Map<String, String> environment) {
            super(environment);
        }

        @Override
        int run(Settings settings, PrintWriter out) throws Exception {
            List<SchemaMigrations.Migration> migrations = SchemaMigrations.info(settings.store());
            if (options.json) {
                out.println(json(migrations));
            } else {
                Table table = new Table("VERSION", "DESCRIPTION", "STATE", "INSTALLED ON");
                migrations.forEach(m -> table.row(m.version(), m.description(), m.state(), m.installedOn()));
                table.print(out);
            }
            return 0;
        }
    }
}
