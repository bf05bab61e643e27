package io.homeostat.store.jdbc;

import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.Diagnosis;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.diagnose.Impact;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.StepState;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.incident.IncidentBuilder;
import io.homeostat.engine.incident.IncidentStatus;
import io.homeostat.engine.incident.TimelineEntry;
import io.homeostat.engine.plan.TriggerType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A {@link LoopWrite} as one spool entry: {@code [version: byte][kind tag: byte]} then the
 * record's fields. Enums are written by name, not ordinal, so that an entry spooled by one version
 * replays under the next; a diagnosis's lists are written as the JSON text the table keeps
 * ({@link DiagnosisJson}). Stateless.
 */
final class LoopWriteCodec {

    private static final byte VERSION = 1;

    private LoopWriteCodec() {}

    static byte[] encode(LoopWrite write) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(write.tag());
            switch (write) {
                case LoopWrite.SaveIncident w -> incident(out, w.incident());
                case LoopWrite.UpdateIncident w -> incident(out, w.incident());
                case LoopWrite.AppendTimeline w -> {
                    Wire.writeString(out, w.writeId());
                    Wire.writeString(out, w.incidentId());
                    timelineEntry(out, w.entry());
                }
                case LoopWrite.SaveDiagnosis w -> diagnosis(out, w.diagnosis());
                case LoopWrite.CreateRun w -> run(out, w.run());
                case LoopWrite.UpdateRun w -> run(out, w.run());
                case LoopWrite.AppendStep w -> {
                    Wire.writeString(out, w.writeId());
                    step(out, w.record());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The write in {@code entry}.
     *
     * @throws IOException if the entry is not a loop-state write this version can read
     */
    static LoopWrite decode(byte[] entry) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry));
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("unknown loop-state spool entry version " + version);
        }
        byte tag = in.readByte();
        try {
            return switch (tag) {
                case 1 -> new LoopWrite.SaveIncident(incident(in));
                case 2 -> new LoopWrite.UpdateIncident(incident(in));
                case 3 -> new LoopWrite.AppendTimeline(Wire.readString(in), Wire.readString(in), timelineEntry(in));
                case 4 -> new LoopWrite.SaveDiagnosis(diagnosis(in));
                case 5 -> new LoopWrite.CreateRun(run(in));
                case 6 -> new LoopWrite.UpdateRun(run(in));
                case 7 -> new LoopWrite.AppendStep(Wire.readString(in), step(in));
                default -> throw new IOException("unknown loop-state write kind " + tag);
            };
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new IOException("a loop-state spool entry of kind " + tag + " is malformed: " + e.getMessage(), e);
        }
    }

    private static void incident(DataOutputStream out, Incident i) throws IOException {
        Wire.writeString(out, i.id());
        Wire.writeString(out, i.fingerprint());
        Wire.writeList(out, List.copyOf(i.fingerprints()));
        Wire.writeString(out, i.title());
        Wire.writeList(out, List.copyOf(i.services()));
        Wire.writeString(out, i.severity().name());
        Wire.writeString(out, i.status().name());
        out.writeBoolean(i.flapping());
        Wire.writeInstant(out, i.openedAt());
        Wire.writeInstant(out, i.updatedAt());
        out.writeBoolean(i.resolvedAt().isPresent());
        if (i.resolvedAt().isPresent()) {
            Wire.writeInstant(out, i.resolvedAt().get());
        }
        out.writeLong(i.detectionCount());
    }

    private static Incident incident(DataInputStream in) throws IOException {
        IncidentBuilder b = Incident.builder().id(Wire.readString(in)).fingerprint(Wire.readString(in))
                .fingerprints(Wire.readList(in)).title(Wire.readString(in)).services(Wire.readList(in))
                .severity(Severity.valueOf(Wire.readString(in))).status(IncidentStatus.valueOf(Wire.readString(in)))
                .flapping(in.readBoolean()).openedAt(Wire.readInstant(in)).updatedAt(Wire.readInstant(in));
        if (in.readBoolean()) {
            b.resolvedAt(Wire.readInstant(in));
        }
        return b.detectionCount(in.readLong()).build();
    }

    private static void timelineEntry(DataOutputStream out, TimelineEntry e) throws IOException {
        Wire.writeInstant(out, e.time());
        Wire.writeString(out, e.type().name());
        Wire.writeString(out, e.message());
        Wire.writeString(out, e.detectionId().orElse(""));
        Wire.writeMap(out, e.evidence());
    }

    private static TimelineEntry timelineEntry(DataInputStream in) throws IOException {
        Instant time = Wire.readInstant(in);
        TimelineEntry.Type type = TimelineEntry.Type.valueOf(Wire.readString(in));
        String message = Wire.readString(in);
        String detection = Wire.readString(in);
        var evidence = Wire.readMap(in);
        return detection.isEmpty() ? TimelineEntry.of(time, type, message, evidence)
                : TimelineEntry.ofDetection(time, type, message, detection, evidence);
    }

    private static void diagnosis(DataOutputStream out, Diagnosis d) throws IOException {
        Wire.writeString(out, d.incidentId());
        Wire.writeString(out, d.category().name());
        out.writeDouble(d.confidence());
        Wire.writeString(out, d.severity().name());
        Wire.writeString(out, DiagnosisJson.causes(d.causes()));
        Wire.writeString(out, d.rootService());
        Wire.writeString(out, DiagnosisJson.candidates(d.rootCandidates()));
        Wire.writeList(out, List.copyOf(d.impact().affectedServices()));
        out.writeDouble(d.impact().trafficShare());
        Wire.writeString(out, d.impact().basis().name());
        Wire.writeString(out, DiagnosisJson.explanations(d.explanations()));
        Wire.writeString(out, d.classifierVersion());
        Wire.writeInstant(out, d.diagnosedAt());
    }

    private static Diagnosis diagnosis(DataInputStream in) throws IOException {
        String incident = Wire.readString(in);
        DiagnosisCategory category = DiagnosisCategory.valueOf(Wire.readString(in));
        double confidence = in.readDouble();
        Severity severity = Severity.valueOf(Wire.readString(in));
        var causes = DiagnosisJson.causes(Wire.readString(in));
        String root = Wire.readString(in);
        var candidates = DiagnosisJson.candidates(Wire.readString(in));
        Impact impact = new Impact(new LinkedHashSet<>(Wire.readList(in)), in.readDouble(),
                Impact.Basis.valueOf(Wire.readString(in)));
        var explanations = DiagnosisJson.explanations(Wire.readString(in));
        return new Diagnosis(incident, category, confidence, severity, causes, root, candidates, impact, explanations,
                Wire.readString(in), Wire.readInstant(in));
    }

    private static void run(DataOutputStream out, WorkflowRun r) throws IOException {
        for (String s : List.of(r.runId(), r.incidentId(), r.workflow(), r.service(), r.trigger().name(),
                r.phase().name())) {
            Wire.writeString(out, s);
        }
        out.writeInt(r.stepIndex());
        out.writeInt(r.attempt());
        Wire.writeString(out, r.stepState().name());
        for (Instant t : List.of(r.stepStartedAt(), r.notBefore(), r.verifySince(), r.startedAt(), r.deadline())) {
            Wire.writeInstant(out, t);
        }
        Wire.writeString(out, r.approvedBy());
        Wire.writeInstant(out, r.approvalExpiresAt());
        out.writeBoolean(r.actedYet());
        Wire.writeString(out, r.reason());
        out.writeLong(r.version());
        Wire.writeInstant(out, r.updatedAt());
    }

    private static WorkflowRun run(DataInputStream in) throws IOException {
        String runId = Wire.readString(in);
        String incident = Wire.readString(in);
        String workflow = Wire.readString(in);
        String service = Wire.readString(in);
        TriggerType trigger = TriggerType.valueOf(Wire.readString(in));
        RunPhase phase = RunPhase.valueOf(Wire.readString(in));
        int stepIndex = in.readInt();
        int attempt = in.readInt();
        StepState state = StepState.valueOf(Wire.readString(in));
        Instant stepStartedAt = Wire.readInstant(in);
        Instant notBefore = Wire.readInstant(in);
        Instant verifySince = Wire.readInstant(in);
        Instant startedAt = Wire.readInstant(in);
        Instant deadline = Wire.readInstant(in);
        String approvedBy = Wire.readString(in);
        Instant approvalExpiresAt = Wire.readInstant(in);
        boolean actedYet = in.readBoolean();
        String reason = Wire.readString(in);
        long version = in.readLong();
        return new WorkflowRun(runId, incident, workflow, service, trigger, phase, stepIndex, attempt, state,
                stepStartedAt, notBefore, verifySince, startedAt, deadline, approvedBy, approvalExpiresAt, actedYet,
                reason, version, Wire.readInstant(in));
    }

    private static void step(DataOutputStream out, StepRecord r) throws IOException {
        Wire.writeString(out, r.runId());
        out.writeInt(r.stepIndex());
        Wire.writeString(out, r.step());
        out.writeInt(r.attempt());
        Wire.writeString(out, r.action());
        Wire.writeString(out, r.phase().name());
        Wire.writeInstant(out, r.time());
        Wire.writeString(out, r.detail());
        Wire.writeMap(out, r.data());
        Wire.writeMap(out, r.parameters());
        Wire.writeString(out, r.approvedBy());
    }

    private static StepRecord step(DataInputStream in) throws IOException {
        String runId = Wire.readString(in);
        int index = in.readInt();
        String step = Wire.readString(in);
        int attempt = in.readInt();
        String action = Wire.readString(in);
        StepPhase phase = StepPhase.valueOf(Wire.readString(in));
        Instant time = Wire.readInstant(in);
        String detail = Wire.readString(in);
        var data = Wire.readMap(in);
        var parameters = Wire.readMap(in);
        return new StepRecord(runId, index, step, attempt, action, phase, time, detail, data, parameters,
                Wire.readString(in));
    }
}
