package io.homeostat.demo;

import io.homeostat.demo.report.RunRecorder;
import io.homeostat.engine.port.AuditLog;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.engine.port.AuditRecord;
import java.util.List;
import java.util.Set;

/**
 * The store's audit log, with every append also told to the run's recorder (its count, and the
 * recovery actions taken per incident) and its id kept, so the report can check the store kept
 * them all. Thread-safe if the log is.
 */
final class RecordingAuditLog implements AuditLog {

    private final AuditLog log;
    private final RunRecorder recorder;
    private final Set<String> appended;

    RecordingAuditLog(AuditLog log, RunRecorder recorder, Set<String> appended) {
        this.log = log;
        this.recorder = recorder;
        this.appended = appended;
    }

    @Override
    public void append(AuditRecord record) {
        log.append(record);
        if (appended.add(record.id())) {
            recorder.healerAudited();
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
