package io.homeostat.store.jdbc;

import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.TimelineEntry;
import java.util.Objects;

/**
 * One write of the control loop's own state, as it waits in the loop-state spool while the
 * database is unreachable ({@link LoopJournal}). Each is replayed idempotently
 * ({@link LoopReplay}): appends carry a write id that the row keeps, the rest have natural keys.
 * Immutable.
 */
sealed interface LoopWrite {

    /** The one-byte tag of the kind in the spool encoding ({@link LoopWriteCodec}); never reused. */
    byte tag();

    /** A new incident ({@code IncidentStore.save}). */
    record SaveIncident(Incident incident) implements LoopWrite {
        public SaveIncident {
            Objects.requireNonNull(incident, "incident");
        }

        @Override
        public byte tag() {
            return 1;
        }
    }

    /** An incident's new state ({@code IncidentStore.update}). */
    record UpdateIncident(Incident incident) implements LoopWrite {
        public UpdateIncident {
            Objects.requireNonNull(incident, "incident");
        }

        @Override
        public byte tag() {
            return 2;
        }
    }

    /** An entry at the end of an incident's timeline ({@code IncidentStore.append}). */
    record AppendTimeline(String writeId, String incidentId, TimelineEntry entry) implements LoopWrite {
        public AppendTimeline {
            Objects.requireNonNull(writeId, "writeId");
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public byte tag() {
            return 3;
        }
    }

    /** A diagnosis ({@code DiagnosisStore.save}). */
    record SaveDiagnosis(Diagnosis diagnosis) implements LoopWrite {
        public SaveDiagnosis {
            Objects.requireNonNull(diagnosis, "diagnosis");
        }

        @Override
        public byte tag() {
            return 4;
        }
    }

    /** A new workflow run ({@code WorkflowStore.create}). */
    record CreateRun(WorkflowRun run) implements LoopWrite {
        public CreateRun {
            Objects.requireNonNull(run, "run");
        }

        @Override
        public byte tag() {
            return 5;
        }
    }

    /** A run's next version ({@code WorkflowStore.update}). */
    record UpdateRun(WorkflowRun run) implements LoopWrite {
        public UpdateRun {
            Objects.requireNonNull(run, "run");
        }

        @Override
        public byte tag() {
            return 6;
        }
    }

    /** A step record at the end of a run's log ({@code WorkflowStore.append}). */
    record AppendStep(String writeId, StepRecord record) implements LoopWrite {
        public AppendStep {
            Objects.requireNonNull(writeId, "writeId");
            Objects.requireNonNull(record, "record");
        }

        @Override
        public byte tag() {
            return 7;
        }
    }
}
