package io.homeostat.demo.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link RunReport} three ways: a table for the terminal, {@code report.json} and
 * {@code report.md}. Stateless and thread-safe.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> HEADER = List.of("fault", "target", "injected", "MTTD", "detected by",
            "root cause", "actions", "fixed after", "MTTR", "user failures", "unguided", "safety viol.", "audit lost", "person?");

    private ReportWriter() {
    }

    /** The report as a terminal table and summary lines. */
    public static String table(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (List<String> row : rows(report)) {
            rows.add(row);
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                out.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row.get(i))).append(i + 1 < row.size() ? "  " : "");
            }
            out.append('\n');
            if (r == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "  " : "");
                }
                out.append('\n');
            }
        }
        if (report.faults().isEmpty()) {
            out.append("(no faults injected)\n");
        }
        out.append('\n');
        for (String[] line : summary(report)) {
            out.append(String.format(Locale.ROOT, "%-46s %s%n", line[0], line[1]));
        }
        return out.toString();
    }

    /** The report as Markdown. */
    public static String markdown(RunReport report) {
        StringBuilder out = new StringBuilder("# Homeostat demo report\n\n");
        out.append("Scenario `").append(report.scenario()).append("`, seed ").append(report.seed()).append(", ")
                .append(seconds(report.durationMillis())).append(".\n\n");
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|").append(" --- |".repeat(HEADER.size())).append('\n');
        for (List<String> row : rows(report)) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        out.append("\n| figure | value |\n| --- | --- |\n");
        for (String[] line : summary(report)) {
            out.append("| ").append(line[0]).append(" | ").append(line[1]).append(" |\n");
        }
        out.append("\nMTTD: injection to the first incident on an affected service. Fixed after: injection to the "
                + "healer's first action that changed the system (not an alert or a re-probe). MTTR: injection to the "
                + "last user-facing failure on the affected services (0: users never saw one). A fault needed a person "
                + "if the healer escalated it or users still failed at the end.\n");
        return out.toString();
    }

    /** The report as JSON. */
    public static String json(RunReport report) {
        try {
            return JSON.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code report.json} and {@code report.md} into {@code directory} (created if missing).
     *
     * @return the two files
     * @throws UncheckedIOException if they cannot be written
     */
    public static List<Path> write(RunReport report, Path directory) {
        try {
            Files.createDirectories(directory);
            Path json = directory.resolve("report.json");
            Path md = directory.resolve("report.md");
            Files.writeString(json, json(report) + "\n", StandardCharsets.UTF_8);
            Files.writeString(md, markdown(report), StandardCharsets.UTF_8);
            return List.of(json, md);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + directory, e);
        }
    }

    private static List<List<String>> rows(RunReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (FaultResult f : report.faults()) {
            rows.add(List.of(f.name() + " (" + f.kind() + ")", f.target(), seconds(f.injectedMillis()),
                    f.detected() ? seconds(f.mttdMillis()) : "not detected", f.detector().isEmpty() ? "-" : f.detector(),
                    f.diagnosedRoot().isEmpty() ? "-" : f.diagnosedRoot() + (f.rootCorrect() ? " (right)" : " (wrong)"),
                    f.actions().isEmpty() ? "-" : String.join(", ", f.actions()), ms(f.fixMillis()),
                    f.recovered() ? seconds(f.mttrMillis()) : "not recovered", Long.toString(f.userFailures()),
                    Long.toString(f.unguidedErrors()), Long.toString(f.safetyViolations()), Long.toString(f.auditLost()),
                    f.neededPerson() ? "yes" : "no"));
        }
        return rows;
    }

    private static List<String[]> summary(RunReport r) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"availability as users saw it", percent(r.availability()) + " of " + r.requests() + " requests"});
        lines.add(new String[] {"calls answered (dependency or fallback)", percent(r.callsAnswered()) + " of " + r.calls()});
        lines.add(new String[] {"fallback answer time p50 / p95", r.fallbackCalls() == 0 ? "no fallback served"
                : millis(r.fallbackP50Micros()) + " / " + millis(r.fallbackP95Micros()) + " (" + r.fallbackCalls() + " calls)"});
        lines.add(new String[] {"MTTD p50 / p95", ms(r.mttdP50Millis()) + " / " + ms(r.mttdP95Millis())});
        lines.add(new String[] {"MTTR p50 (recovered without a person)", ms(r.mttrP50Millis())});
        lines.add(new String[] {"healer's first fix p50 (failover, restart, ...)", ms(r.fixP50Millis())});
        lines.add(new String[] {"recovered without a person", r.recoveredWithoutPerson() < 0 ? "-" : percent(r.recoveredWithoutPerson())});
        lines.add(new String[] {"faults that needed a person", r.neededPerson() < 0 ? "-" : percent(r.neededPerson())});
        lines.add(new String[] {"diagnosis accuracy (root service)", r.diagnosisAccuracy() < 0 ? "-" : percent(r.diagnosisAccuracy())});
        lines.add(new String[] {"incidents / false positives", r.incidents() + " / " + r.falsePositives()});
        lines.add(new String[] {"false negatives (faults not detected)", r.falseNegatives() + " of " + r.faults().size()});
        lines.add(new String[] {"user-facing errors without guidance", Long.toString(r.unguidedErrors())});
        lines.add(new String[] {"safety-policy violations", Long.toString(r.safetyViolations())});
        lines.add(new String[] {"clinical audit records lost", r.auditLost() + " of " + r.auditWritten()
                + " (completeness " + percent(r.auditWritten() == 0 ? 1 : 1 - (double) r.auditLost() / r.auditWritten()) + ")"});
        lines.add(new String[] {"healer steps missing from the audit trail", r.healerAuditLost() + " of " + r.healerAuditAppended()});
        return lines;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String ms(long millis) {
        return millis < 0 ? "-" : seconds(millis);
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }
}
