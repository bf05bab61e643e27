package io.homeostat.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import io.homeostat.engine.port.IntegrityOutcome;
import io.homeostat.engine.port.UserImpact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditLog} must do. Extend it with {@link #newLog()} returning an empty log;
 * override {@link #closeLog(AuditLog)} to release it.
 */
public abstract class AuditLogContract {

    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    protected AuditLog log;

    /** An empty log, fresh for each test. */
    protected abstract AuditLog newLog();

    /** Releases a log made by {@link #newLog()}; nothing by default. */
    protected void closeLog(AuditLog log) {}

    @BeforeEach
    void openLog() {
        log = newLog();
    }

    @AfterEach
    void releaseLog() {
        closeLog(log);
    }

    protected static AuditRecord record(String id, int secondsAfterT0, String actor, String action, String target) {
        return AuditRecord.of(id, T0.plusSeconds(secondsAfterT0), actor, action, target,
                "because " + id, Map.of("detection", "d-" + id));
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        AuditRecord full = AuditRecord.of("a-1", T0.plusMillis(1234), "planner", "workflow.start", "llm:openai",
                        "error rate 42% over 5 min", Map.of("errorRate", "0.42", "detection", "det-7"))
                .withCallContext(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LIFE_CRITICAL))
                .withOutcome(IntegrityOutcome.FAILED, List.of("oncall:alice", "slack:#ops"), UserImpact.DEGRADED);
        AuditRecord bare = record("a-2", 2, "operator:bob", "breaker.reset", "db:primary");

        log.append(full);
        log.append(bare);
        log.flush();

        List<AuditRecord> found = log.query(AuditQuery.between(T0, T0.plusSeconds(60)));
        assertThat(found).containsExactly(full, bare);
        assertThat(found.get(0).operationType()).contains(OperationType.PRESCRIPTIVE);
        assertThat(found.get(0).criticality()).contains(Criticality.LIFE_CRITICAL);
        assertThat(found.get(1).operationType()).isEmpty();
        assertThat(found.get(1).criticality()).isEmpty();
        assertThat(found.get(1).integrity()).isEqualTo(IntegrityOutcome.NOT_CHECKED);
        assertThat(found.get(1).impact()).isEqualTo(UserImpact.NONE);
    }

    @Test
    void timeRangeIncludesItsStartAndExcludesItsEnd() {
        log.append(record("before", -1, "a", "x", "t"));
        log.append(record("at-start", 0, "a", "x", "t"));
        log.append(record("inside", 30, "a", "x", "t"));
        log.append(record("at-end", 60, "a", "x", "t"));
        log.flush();

        assertThat(log.query(AuditQuery.between(T0, T0.plusSeconds(60))))
                .extracting(AuditRecord::id).containsExactly("at-start", "inside");
    }

    @Test
    void filtersByActorActionAndTarget() {
        log.append(record("1", 1, "planner", "workflow.start", "llm:openai"));
        log.append(record("2", 2, "planner", "workflow.start", "db:primary"));
        log.append(record("3", 3, "operator:bob", "workflow.start", "llm:openai"));
        log.append(record("4", 4, "planner", "breaker.force_open", "llm:openai"));
        log.flush();
        AuditQuery all = AuditQuery.between(T0, T0.plusSeconds(10));

        assertThat(log.query(all.actor("planner"))).extracting(AuditRecord::id).containsExactly("1", "2", "4");
        assertThat(log.query(all.action("workflow.start"))).extracting(AuditRecord::id).containsExactly("1", "2", "3");
        assertThat(log.query(all.target("llm:openai"))).extracting(AuditRecord::id).containsExactly("1", "3", "4");
        assertThat(log.query(all.actor("planner").action("workflow.start").target("llm:openai")))
                .extracting(AuditRecord::id).containsExactly("1");
        assertThat(log.query(all.actor("nobody"))).isEmpty();
    }

    @Test
    void oldestFirstTiesInAppendOrderAndAtMostTheLimit() {
        log.append(record("c", 5, "a", "x", "t"));
        log.append(record("b", 5, "a", "x", "t"));
        log.append(record("a", 7, "a", "x", "t"));
        log.append(record("d", 1, "a", "x", "t"));
        log.flush();

        AuditQuery all = AuditQuery.between(T0, T0.plusSeconds(10));
        assertThat(log.query(all)).extracting(AuditRecord::id).containsExactly("d", "c", "b", "a");
        assertThat(log.query(all.limit(2))).extracting(AuditRecord::id).containsExactly("d", "c");
    }

    @Test
    void recordsOfTheSameMillisecondReadBackInAppendOrder() {
        Instant sameMilli = T0.plusMillis(250);
        List<String> appended = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // ids whose text order is not the append order
            String id = UUID.nameUUIDFromBytes(new byte[] {(byte) i}).toString();
            appended.add(id);
            log.append(AuditRecord.of(id, sameMilli, "planner", "step.acted", "svc", "step " + i, Map.of()));
        }
        log.flush();

        assertThat(appended).isNotEqualTo(appended.stream().sorted().toList());
        assertThat(log.query(AuditQuery.between(T0, T0.plusSeconds(1)).limit(100))).extracting(AuditRecord::id)
                .containsExactlyElementsOf(appended);
        assertThat(log.recent(3)).extracting(AuditRecord::id)
                .containsExactly(appended.get(39), appended.get(38), appended.get(37));
    }

    @Test
    void recentIsNewestFirst() {
        for (int i = 0; i < 5; i++) {
            log.append(record("r" + i, i, "a", "x", "t"));
        }
        log.flush();

        assertThat(log.recent(3)).extracting(AuditRecord::id).containsExactly("r4", "r3", "r2");
        assertThat(log.recent(10)).hasSize(5);
        assertThatThrownBy(() -> log.recent(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendingAnIdAgainChangesNothing() {
        AuditRecord first = record("same", 1, "planner", "workflow.start", "llm:openai");
        log.append(first);
        log.flush();
        log.append(record("same", 2, "intruder", "rewrite", "history"));
        log.append(first);
        log.flush();

        assertThat(log.query(AuditQuery.between(T0, T0.plusSeconds(10)))).containsExactly(first);
    }
}
