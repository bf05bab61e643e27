package io.homeostat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeostat db migrate|validate|info} against the embedded H2 and a database named by the environment. */
class DbCommandTest {

    @TempDir
    Path dir;

    @Test
    void infoAndValidateCreateNoDatabaseWhereThereIsNone() {
        Path misspelt = dir.resolve("dta");
        for (String readOnly : new String[] {"info", "validate"}) {
            CommandLines run = new CommandLines(Map.of());
            assertThat(run.run("db", readOnly, "--data", misspelt.toString())).isEqualTo(1);
            assertThat(run.err.toString()).contains("homeostat db " + readOnly + ": no database at "
                    + misspelt.toAbsolutePath().resolve("homeostat.mv.db"));
        }
        assertThat(misspelt).doesNotExist();

        Path elsewhere = dir.resolve("elsewhere");
        CommandLines named = new CommandLines(Map.of("HOMEOSTAT_STORE_URL", "jdbc:h2:file:" + elsewhere.toAbsolutePath()));
        assertThat(named.run("db", "info", "--data", dir.toString())).isEqualTo(1);
        assertThat(dir.resolve("elsewhere.mv.db")).doesNotExist();
        assertThat(dir.resolve("homeostat.mv.db")).doesNotExist();
    }

    @Test
    void infoValidateAndMigrateTheEmbeddedDatabase() throws SQLException {
        String data = dir.toString();
        try (Connection empty = DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("homeostat"), "sa", "")) {
            assertThat(empty.isValid(1)).isTrue(); // a database with no schema yet: every migration pending
        }
        CommandLines pending = new CommandLines(Map.of());
        assertThat(pending.run("db", "info", "--data", data)).isEqualTo(0);
        assertThat(pending.out.toString()).contains("VERSION", "STATE", "knowledge", "Pending").doesNotContain("Success");

        CommandLines invalid = new CommandLines(Map.of());
        assertThat(invalid.run("db", "validate", "--data", data)).isEqualTo(1);
        assertThat(invalid.out.toString()).contains("invalid:");

        CommandLines migrate = new CommandLines(Map.of());
        assertThat(migrate.run("db", "migrate", "--data", data)).as(migrate.err.toString()).isEqualTo(0);
        assertThat(migrate.out.toString()).containsPattern("applied [1-9][0-9]* migrations; schema at version [0-9.]+");

        CommandLines valid = new CommandLines(Map.of());
        assertThat(valid.run("db", "validate", "--data", data)).isEqualTo(0);
        assertThat(valid.out.toString()).contains("schema valid");

        CommandLines again = new CommandLines(Map.of());
        assertThat(again.run("db", "migrate", "--data", data, "--json")).isEqualTo(0);
        assertThat(again.out.toString()).contains("\"applied\" : 0");

        CommandLines json = new CommandLines(Map.of());
        assertThat(json.run("db", "info", "--data", data, "--json")).isEqualTo(0);
        assertThat(json.out.toString()).contains("\"state\" : \"Success\"").doesNotContain("Pending");
    }

    @Test
    void aDatabaseInUseByAServerIsOneLineAndExitOne() throws IOException {
        CommandLines migrate = new CommandLines(Map.of());
        assertThat(migrate.run("db", "migrate", "--data", dir.toString())).as(migrate.err.toString()).isZero();
        // As a running server holds it: H2 takes the same lock on the file (ServerSignalTest: a real one).
        try (FileChannel database = FileChannel.open(dir.resolve("homeostat.mv.db"), StandardOpenOption.WRITE);
                FileLock lock = database.tryLock()) {
            assertThat(lock).isNotNull();
            for (String command : new String[] {"info", "validate", "migrate"}) {
                CommandLines run = new CommandLines(Map.of());
                assertThat(run.run("db", command, "--data", dir.toString())).isEqualTo(1);
                assertThat(run.err.toString().strip().lines().toList()).containsExactly("homeostat db " + command
                        + ": the data directory " + dir.toAbsolutePath() + " is in use by another process (another server?"
                        + " stop it, or pass another --data)");
            }
        }
    }

    @Test
    void theEnvironmentNamesAnotherDatabase() {
        Path other = dir.resolve("elsewhere");
        CommandLines migrate = new CommandLines(Map.of("HOMEOSTAT_STORE_URL", "jdbc:h2:file:" + other.toAbsolutePath()));
        assertThat(migrate.run("db", "migrate", "--data", dir.resolve("data").toString())).as(migrate.err.toString())
                .isEqualTo(0);
        assertThat(Files.exists(dir.resolve("elsewhere.mv.db"))).isTrue();
        assertThat(dir.resolve("data").resolve("homeostat.mv.db")).doesNotExist();
    }

    @Test
    void aBadVariableIsNamedAndNothingIsTouched() {
        CommandLines run = new CommandLines(Map.of("HOMEOSTAT_STORE_URL", "oracle:thin"));
        assertThat(run.run("db", "migrate", "--data", dir.toString())).isEqualTo(2);
        assertThat(run.err.toString()).contains("HOMEOSTAT_STORE_URL='oracle:thin'");
        assertThat(dir.resolve("homeostat.mv.db")).doesNotExist();
    }

    @Test
    void anUnreachableDatabaseExitsWithOne() {
        CommandLines run = new CommandLines(Map.of("HOMEOSTAT_STORE_URL", "jdbc:postgresql://127.0.0.1:1/none",
                "HOMEOSTAT_STORE_USER", "postgres"));
        assertThat(run.run("db", "info", "--data", dir.toString())).isEqualTo(1);
        assertThat(run.err.toString()).contains("homeostat db info: cannot read the schema history");
    }
}
