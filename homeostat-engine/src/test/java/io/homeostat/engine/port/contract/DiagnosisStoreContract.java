package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.diagnose.Explanation;
import io.homeostat.engine.diagnose.Impact;
import io.homeostat.engine.diagnose.ProbableCause;
import io.homeostat.engine.diagnose.RootCandidate;
import io.homeostat.engine.port.DiagnosisStore;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DiagnosisStore} must do. Subclasses supply {@link #newStore()}, called before
 * each test, which must return an empty store, and release it in their own {@code @AfterEach}.
 * Times here have at most microsecond precision.
 */
public abstract class DiagnosisStoreContract {

    /** Base time of the tests. */
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private DiagnosisStore store;

    /** A new, empty store. */
    protected abstract DiagnosisStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    /** A diagnosis with every part filled, of {@code incident} made {@code seconds} after T0. */
    protected static Diagnosis full(String incident, int seconds) {
        Instant at = T0.plusSeconds(seconds);
        return new Diagnosis(incident, DiagnosisCategory.DATABASE, 0.9375, Severity.CRITICAL,
                List.of(new ProbableCause("connection pool exhaustion", DiagnosisCategory.DATABASE, 0.85,
                                List.of("database-pool", "database-timeout")),
                        new ProbableCause("slow queries", DiagnosisCategory.PERFORMANCE, 0.3, List.of("latency-high"))),
                "db:primary",
                List.of(new RootCandidate("db:primary", T0.plusNanos(123_456_000), 2, 1.0,
                                "failing since 10:00:00.123456Z, first; 2 of 2 other failing services depend on it"),
                        new RootCandidate("api:orders", T0.plusSeconds(3), 0, 0.2, "failing since 10:00:03Z")),
                new Impact(new LinkedHashSet<>(List.of("db:primary", "api:orders", "web:shop")), 0.4375,
                        Impact.Basis.CALLS_RATE),
                List.of(new Explanation("database-pool", DiagnosisCategory.DATABASE, 0.85, true, 12,
                                new LinkedHashSet<>(List.of("db:primary")),
                                List.of("failure db:primary java.sql.SQLTransientConnectionException \"pool \\\"main\\\" "
                                        + "exhausted — 30s\": message contains \"pool\"")),
                        new Explanation("latency-high", DiagnosisCategory.PERFORMANCE, 0.3, false, 3,
                                new LinkedHashSet<>(List.of("api:orders", "web:shop")),
                                List.of("outcome api:orders outcome.timeout latency=5012ms", "detection web:shop"))),
                "diagnoser-1/default-1", at);
    }

    /** A diagnosis on which no rule fired, of {@code incident} made {@code seconds} after T0. */
    protected static Diagnosis bare(String incident, int seconds) {
        return new Diagnosis(incident, DiagnosisCategory.INTEGRATION, 0, Severity.MEDIUM, List.of(), "svc:a",
                List.of(new RootCandidate("svc:a", T0, 0, 1.0, "the only failing service")),
                new Impact(Set.of("svc:a"), 0, Impact.Basis.NONE), List.of(), "diagnoser-1/custom-7",
                T0.plusSeconds(seconds));
    }

    @Test
    void aFullDiagnosisIsReadBackEqualPartByPart() {
        Diagnosis diagnosis = full("inc-1", 0);

        store.save(diagnosis);

        assertThat(store.byIncident("inc-1")).containsExactly(diagnosis);
        Diagnosis back = store.latest("inc-1").orElseThrow();
        assertThat(back).isEqualTo(diagnosis);
        assertThat(back.causes()).isEqualTo(diagnosis.causes());
        assertThat(back.rootCandidates()).isEqualTo(diagnosis.rootCandidates());
        assertThat(back.impact().affectedServices()).containsExactly("db:primary", "api:orders", "web:shop");
        assertThat(back.explanations()).isEqualTo(diagnosis.explanations());
        assertThat(back.explanations().get(1).services()).containsExactly("api:orders", "web:shop");
        assertThat(back.evidence()).isEqualTo(diagnosis.evidence());
    }

    @Test
    void aDiagnosisOnWhichNoRuleFiredIsReadBackEqual() {
        Diagnosis diagnosis = bare("inc-2", 5);

        store.save(diagnosis);

        assertThat(store.latest("inc-2")).contains(diagnosis);
        assertThat(store.latest("inc-2").orElseThrow().causes()).isEmpty();
    }

    @Test
    void anIncidentsDiagnosesAreOldestFirstAndItsLatestIsTheNewest() {
        store.save(full("inc-1", 30));
        store.save(bare("other", 20));
        store.save(bare("inc-1", 10));
        store.save(full("inc-1", 60));

        assertThat(store.byIncident("inc-1")).extracting(Diagnosis::diagnosedAt)
                .containsExactly(T0.plusSeconds(10), T0.plusSeconds(30), T0.plusSeconds(60));
        assertThat(store.latest("inc-1")).contains(full("inc-1", 60));
        assertThat(store.byIncident("unknown")).isEmpty();
        assertThat(store.latest("unknown")).isEmpty();
    }

    @Test
    void savingTheSameIncidentAndInstantAgainKeepsTheFirst() {
        Diagnosis first = full("inc-1", 0);
        store.save(first);
        store.save(first);
        store.save(bare("inc-1", 0));

        assertThat(store.byIncident("inc-1")).containsExactly(first);
    }

    @Test
    void theSameInstantOfTwoIncidentsIsTwoDiagnoses() {
        store.save(full("inc-1", 0));
        store.save(full("inc-2", 0));

        assertThat(store.recent(T0, 10)).extracting(Diagnosis::incidentId).containsExactly("inc-2", "inc-1");
    }

    @Test
    void recentIsNewestFirstFromItsStartAndAtMostTheLimit() {
        store.save(bare("a", -1));
        store.save(bare("b", 0));
        store.save(full("c", 40));
        store.save(bare("d", 20));

        assertThat(store.recent(T0, 10)).extracting(Diagnosis::incidentId).containsExactly("c", "d", "b");
        assertThat(store.recent(T0, 2)).extracting(Diagnosis::incidentId).containsExactly("c", "d");
        assertThat(store.recent(T0.plusSeconds(41), 10)).isEmpty();
        assertThatThrownBy(() -> store.recent(T0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }
}
