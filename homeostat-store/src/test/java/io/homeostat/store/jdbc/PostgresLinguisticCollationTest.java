package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.detect.baseline.Baseline;
import io.homeostat.engine.detect.baseline.BaselineWindow;
import io.homeostat.engine.detect.pattern.Pattern;
import io.homeostat.engine.detect.pattern.PatternKind;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.learn.Effectiveness;
import io.homeostat.engine.learn.Problem;
import io.homeostat.engine.learn.RecoveryOutcome;
import io.homeostat.engine.port.IncidentQuery;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a PostgreSQL database whose default collation sorts by language (ICU en-US: "id-a" before
 * "id-B"), the stores still order text keys as Java does ("id-B" before "id-a"), as the ports say.
 */
class PostgresLinguisticCollationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path spool;

    private final String database = TestDatabases.newSchemaName("homeostat_icu");
    private JdbcStore store;

    @BeforeEach
    void createDatabase() {
        TestDatabases.onServer("CREATE DATABASE " + database
                + " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
        store = JdbcStore.open(StoreConfig.defaults().withJdbc(TestDatabases.postgresUrlOf(database),
                TestDatabases.PG_USER, TestDatabases.PG_PASSWORD).withSpool(spool, 64L << 20),
                ManualClock.create().scheduler());
    }

    @AfterEach
    void dropDatabase() {
        try {
            store.close();
        } finally {
            TestDatabases.onServer("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void theDatabaseItselfSortsByLanguage() throws SQLException {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(x) FROM (VALUES ('id-B'), ('id-a')) v (x)")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("id-a");
        }
    }

    @Test
    void incidentTiesAreBrokenByIdInJavaOrder() {
        Incident upper = incident("id-B");
        Incident lower = incident("id-a");
        store.incidents().save(upper);
        store.incidents().save(lower);

        assertThat(store.incidents().list(IncidentQuery.all())).containsExactly(lower, upper);
    }

    @Test
    void patternsBaselinesAndTalliesSortTheirKeysInJavaOrder() {
        store.patterns().save(pattern("p|a"));
        store.patterns().save(pattern("p|B"));
        assertThat(store.patterns().forService("svc")).extracting(Pattern::signature).containsExactly("p|B", "p|a");

        store.baselines().save(baseline("alpha"));
        store.baselines().save(baseline("Zeta"));
        assertThat(store.baselines().forService("svc")).extracting(b -> b.series().metric())
                .containsExactly("Zeta", "alpha");

        Problem problem = new Problem("svc|errors|rate", "database");
        store.effectiveness().record("fp", RecoveryOutcome.failure("1", problem, "alpha", T0));
        store.effectiveness().record("fp", RecoveryOutcome.failure("2", problem, "Zeta", T0));
        assertThat(store.effectiveness().forProblem("fp")).extracting(Effectiveness::action)
                .containsExactly("Zeta", "alpha");
    }

    private static Incident incident(String id) {
        return Incident.builder().id(id).fingerprint("svc|errors|rate").title("errors").addService("svc")
                .severity(Severity.HIGH).openedAt(T0).detectionCount(1).build();
    }

    private static Pattern pattern(String signature) {
        return new Pattern(signature, PatternKind.RECURRING, Set.of("svc"), "", "", "", 1, T0, T0, 0.5);
    }

    private static Baseline baseline(String metric) {
        return new Baseline(new SeriesKey("svc", metric), BaselineWindow.HOUR, 1, 1, 0, 1, 1, 1, 1, 1, T0,
                T0.plus(Duration.ofHours(1)));
    }
}
