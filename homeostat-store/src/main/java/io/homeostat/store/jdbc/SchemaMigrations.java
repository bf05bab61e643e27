package io.homeostat.store.jdbc;

import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * The store's schema migrations (Flyway; {@code db/migration/common} plus the dialect's own) run
 * on their own, for {@code homeostat db migrate|validate|info}: the same migrations
 * {@link JdbcStore#open} applies when it starts. Thread-safe (no state).
 */
public final class SchemaMigrations {

    /**
     * One migration as the database knows it.
     *
     * @param version e.g. {@code 3.1}
     * @param description from the file name
     * @param state Flyway's state, e.g. {@code Success}, {@code Pending}, {@code Failed}
     * @param installedOn when it was applied (ISO-8601), empty if it was not
     */
    public record Migration(String version, String description, String state, String installedOn) {}

    private SchemaMigrations() {}

    /**
     * Applies the pending migrations.
     *
     * @return how many were applied
     * @throws StoreUnavailableException if the database cannot be reached or a migration fails
     */
    public static int migrate(StoreConfig config) {
        try {
            return flyway(config).migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreUnavailableException("cannot migrate " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the applied migrations against the ones this version ships (checksums, order, none
     * missing or pending).
     *
     * @return the problems found, empty when the schema is valid
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public static List<String> validate(StoreConfig config) {
        try {
            ValidateResult result = flyway(config).validateWithResult();
            List<String> problems = new ArrayList<>();
            if (!result.validationSuccessful) {
                for (ValidateOutput invalid : result.invalidMigrations) {
                    problems.add((invalid.version == null || invalid.version.isEmpty() ? "" : invalid.version + " ")
                            + invalid.description + ": " + invalid.errorDetails.errorMessage);
                }
                if (problems.isEmpty()) {
                    problems.add(result.getAllErrorMessages());
                }
            }
            return problems;
        } catch (FlywayException e) {
            throw new StoreUnavailableException("cannot validate " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every migration, applied or pending, oldest first.
     *
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public static List<Migration> info(StoreConfig config) {
        try {
            List<Migration> migrations = new ArrayList<>();
            for (MigrationInfo info : flyway(config).info().all()) {
                migrations.add(new Migration(info.getVersion() == null ? "" : info.getVersion().getVersion(),
                        info.getDescription(), info.getState().getDisplayName(),
                        info.getInstalledOn() == null ? "" : info.getInstalledOn().toInstant().toString()));
            }
            return migrations;
        } catch (FlywayException e) {
            throw new StoreUnavailableException("cannot read the schema history of " + config.jdbcUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Who holds the leader lease {@code lease} of the database now, on PostgreSQL (where servers
     * take one while they run): a migration must not change the schema under a running server.
     * Empty on H2 (one process holds its file), when nobody holds it, or when the schema has no
     * lease table yet.
     *
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public static Optional<String> leaseHolder(StoreConfig config, String lease) {
        Objects.requireNonNull(config, "config");
        if (Dialect.of(config.jdbcUrl()) != Dialect.POSTGRESQL) {
            return Optional.empty();
        }
        Properties login = new Properties();
        login.setProperty("user", config.user());
        login.setProperty("password", config.password());
        login.setProperty("connectTimeout", String.valueOf(Math.max(1, config.connectTimeout().toSeconds())));
        login.setProperty("socketTimeout", String.valueOf(JdbcStore.STATEMENT_DEADLINE.toSeconds()));
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), login)) {
            if (!config.schema().isEmpty()) {
                c.setSchema(config.schema());
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT holder FROM leader_lease WHERE name = ? AND expires_at > clock_timestamp()")) {
                s.setString(1, lease);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            } catch (SQLException noTableYet) {
                return Optional.empty(); // a database no server has run on: nothing to stop
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot reach " + config.jdbcUrl() + ": " + e.getMessage(), e);
        }
    }

    private static Flyway flyway(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        Dialect dialect = Dialect.of(config.jdbcUrl());
        String schema = dialect == Dialect.H2 ? config.schema().toUpperCase(Locale.ROOT) : config.schema();
        FluentConfiguration flyway = configure(dialect, schema)
                .dataSource(config.jdbcUrl(), config.user(), config.password());
        return flyway.load();
    }

    /** Flyway over {@code dataSource}, as {@link JdbcStore#open} migrates. */
    static Flyway over(DataSource dataSource, Dialect dialect, String schema) {
        return configure(dialect, schema).dataSource(dataSource).load();
    }

    private static FluentConfiguration configure(Dialect dialect, String schema) {
        FluentConfiguration flyway = Flyway.configure()
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT));
        if (!schema.isEmpty()) {
            flyway.schemas(schema).defaultSchema(schema);
        }
        return flyway;
    }
}
