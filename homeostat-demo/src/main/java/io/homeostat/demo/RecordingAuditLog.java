package io.homeostat.demo;

import io.homeostat.demo.report.RunRecorder;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The store's audit log, with every append also told to the run's recorder (its count, and the
 * recovery actions taken per incident) and its id kept, so the report can check the store kept
 * them all; decisions where recovery held back or gave up are also said on the terminal.
 * Thread-safe if the log is.
 */
final class RecordingAuditLog implements AuditLog {

    /** Decisions worth a line on the terminal: why recovery held back or gave up. */
    private static final Set<String> SHOWN = Set.of("recovery.run.escalated", "recovery.run.held", "recovery.gate.held",
            "recovery.gate.forbidden", "recovery.run.aborted", "recovery.step.failed");

    private final AuditLog log;
    private final RunRecorder recorder;
    private final Set<String> appended;
    private final Consumer<String> say;

    RecordingAuditLog(AuditLog log, RunRecorder recorder, Set<String> appended, Consumer<String> say) {
        this.log = log;
        this.recorder = recorder;
        this.appended = appended;
        this.say = say;
    }

    @Override
    public void append(AuditRecord record) {
        log.append(record);
        if (appended.add(record.id())) {
            recorder.healerAudited();
        }
        if (SHOWN.contains(record.action())) {
            say.accept("healer: " + record.action().substring("recovery.".length()) + " " + record.target() + ": "
                    + record.reason());
        }
        if (record.action().equals("recovery.step.acted") && record.target().startsWith("incident:")) {
            String action = record.evidence().getOrDefault("action", "");
            if (!action.isEmpty()) {
                recorder.action(record.target().substring("incident:".length()), action);
            }
        }
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public List<AuditRecord> query(AuditQuery query) {
        return log.query(query);
    }

    @Override
    public List<AuditRecord> recent(int limit) {
        return log.recent(limit);
    }
}
