package io.homeostat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.execute.AutomationMode;
import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.incident.Incident;
import io.homeostat.engine.port.AuditQuery;
import io.homeostat.server.RunningServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** recover, approvals, alerts, flags and degradation against a running server on loopback. */
class OperatorCommandsTest {

    @RegisterExtension
    final RunningServer running = RunningServer.withApprovals("orders", "billing");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine command = new CommandLine(new HomeostatCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url=http://127.0.0.1:" + running.server.port();
        return command.execute(all);
    }

    private List<WorkflowRun> awaitingApproval() {
        return running.server.loop().store().workflows().active().stream()
                .filter(r -> r.phase() == RunPhase.AWAITING_APPROVAL).toList();
    }

    @Test
    void recoverStartsAWorkflowAndApprovalsListApproveAndReject() throws Exception {
        assertThat(run("recover", "memory-leak", "--reason", "heap", "--token", running.operator)).isEqualTo(2);
        assertThat(err.toString()).contains("--incident", "--service");
        assertThat(run("recover", "memory-leak", "--service", "orders", "--reason", "heap", "--token", running.viewer))
                .isEqualTo(1);
        assertThat(err.toString()).contains("403");
        assertThat(run("recover", "restart-now", "--service", "orders", "--reason", "heap climbing", "--token",
                running.operator)).isZero();
        assertThat(out.toString()).contains("workflow restart-now: STARTED", "on orders");
        assertThat(run("recover", "restart-now", "--service", "billing", "--reason", "heap climbing", "--token",
                running.operator, "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).path("outcome").asText()).isEqualTo("STARTED");

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.server.loop().engine().tick();
            return awaitingApproval().size() == 2;
        });
        String first = awaitingApproval().get(0).runId();
        String second = awaitingApproval().get(1).runId();
        assertThat(run("approvals", "--token", running.viewer)).isZero();
        assertThat(out.toString()).contains("RUN", "WORKFLOW", first, second, "restart_process", "restart");

        assertThat(run("approvals", "reject", first, "--token", running.operator)).isEqualTo(2);
        assertThat(err.toString()).contains("--note");
        assertThat(run("approvals", "reject", first, "--note", "not now", "--token", running.operator)).isZero();
        assertThat(out.toString()).contains("run " + first + " rejected: now ESCALATED");
        assertThat(run("approvals", "approve", first, "--token", running.operator)).isEqualTo(1);
        assertThat(err.toString()).contains("409");
        assertThat(run("approvals", "approve", second, "--note", "go", "--token", running.operator)).isZero();
        assertThat(out.toString()).contains("run " + second + " approved");
        assertThat(run("approvals", "promote", "--token", running.operator)).isEqualTo(2);

        // Its first step told people about orders a moment ago: a new run starts, and waits for that action's cooldown.
        assertThat(run("recover", "restart-now", "--service", "orders", "--reason", "again", "--token",
                running.operator)).isZero();
        assertThat(out.toString()).contains("workflow restart-now: STARTED", "; waiting: ", "cooldown");
    }

    @Test
    void recoverExitsOneWhenTheServerHeldTheStart() throws Exception {
        assertThat(run("flags", "set", "recovery.kill-switch", "on", "--reason", "drill", "--token", running.operator)).isZero();

        assertThat(run("recover", "restart-now", "--service", "orders", "--reason", "heap climbing", "--token",
                running.operator)).isEqualTo(1);
        assertThat(out.toString()).contains("workflow restart-now: HELD", "on orders");
        assertThat(err.toString()).contains("homeostat recover: nothing was started (HELD: ");
        assertThat(run("recover", "restart-now", "--service", "billing", "--reason", "heap climbing", "--token",
                running.operator, "--json")).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(out.toString()).path("outcome").asText()).isEqualTo("HELD");
        assertThat(running.server.loop().store().workflows().active()).isEmpty();
        assertThat(run("recover", "--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:", "0   a run started", "1   nothing was started");
    }

    @Test
    void aSilenceRefusesTwoValuesForOneLabel() {
        assertThat(run("alerts", "silence", "--match", "service=a", "--match", "service=b", "--reason", "maintenance",
                "--token", running.operator)).isEqualTo(2);
        assertThat(err.toString()).contains("homeostat alerts: --match service= given twice");
        assertThat(running.server.loop().alerting().silences()).isEmpty();
        assertThat(run("alerts", "silence", "--match", "service=a", "--match", "severity=high", "--reason", "maintenance",
                "--token", running.operator)).isZero();
        assertThat(running.server.loop().alerting().silences()).hasSize(1);
    }

    @Test
    void anOperatorResolvesAnActiveIncidentByHandAndItsAlertsResolveWithIt() {
        Incident incident = running.server.loop().tracker().observe(new Detection("d-1", "threshold",
                Detection.Kind.THRESHOLD, Detection.Status.FIRING, new SeriesKey("payments", "error.rate"), "errors",
                "error-rate", Severity.HIGH, 0.9, "errors on payments", Map.of(), RunningServer.START)).orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> running.server.loop().alerting().alerts().size() == 1);

        assertThat(run("incidents", "resolve", incident.id(), "--reason", "fixed", "--token", running.viewer)).isEqualTo(1);
        assertThat(err.toString()).contains("403");
        assertThat(run("incidents", "resolve", incident.id(), "--token", running.operator)).isEqualTo(2);
        assertThat(err.toString()).contains("--reason");
        assertThat(run("incidents", "resolve", incident.id(), "--reason", "fixed the pool by hand", "--token",
                running.operator)).isZero();
        assertThat(out.toString()).contains("incident " + incident.id() + " is now RESOLVED");
        assertThat(running.server.loop().tracker().active()).isEmpty();
        assertThat(running.server.loop().alerting().alerts()).as("its alerts resolved with it")
                .allSatisfy(alert -> assertThat(alert.state()).isEqualTo(AlertState.RESOLVED));
        running.server.loop().auditLog().flush();
        assertThat(running.server.loop().auditLog().query(AuditQuery.between(Instant.EPOCH, RunningServer.START.plusSeconds(60))
                .action("api.incident.resolve"))).singleElement().satisfies(r -> {
                    assertThat(r.target()).isEqualTo("incident:" + incident.id());
                    assertThat(r.actor()).isEqualTo("token:ops");
                    assertThat(r.reason()).isEqualTo("fixed the pool by hand");
                });

        assertThat(run("incidents", "resolve", incident.id(), "--reason", "again", "--token", running.operator)).isEqualTo(1);
        assertThat(err.toString()).contains("409", "not active");
        assertThat(run("incidents", "resolve", "no-such-id", "--reason", "x", "--token", running.operator)).isEqualTo(1);
        assertThat(err.toString()).contains("404");

        // A run that works on an incident keeps it: the operator lets it end or rejects it.
        assertThat(run("recover", "restart-now", "--service", "orders", "--reason", "heap climbing", "--token",
                running.operator, "--json")).isZero();
        String manual = readJson(out.toString()).path("incidentId").asText();
        assertThat(run("incidents", "resolve", manual, "--reason", "fixed", "--token", running.operator)).isEqualTo(1);
        assertThat(err.toString()).contains("409", "works on incident");
    }

    private static JsonNode readJson(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void alertsListAcknowledgeResolveAndSilence() {
        running.server.loop().alerting().fire(Alert.of("payments", Severity.HIGH, "errors", "", "errors on payments",
                RunningServer.START));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> running.server.loop().alerting().alerts().size() == 1);
        String fingerprint = running.server.loop().alerting().alerts().getFirst().fingerprint();

        assertThat(run("alerts", "--token", running.viewer)).isZero();
        assertThat(out.toString()).contains("FINGERPRINT", fingerprint, "payments", "errors on payments");
        assertThat(run("alerts", "ack", fingerprint, "--token", running.operator)).isEqualTo(2);
        assertThat(run("alerts", "ack", fingerprint, "--reason", "looking", "--token", running.operator)).isZero();
        assertThat(running.server.loop().alerting().alert(fingerprint).map(AlertView::acknowledgedBy)).contains("token:ops");
        assertThat(out.toString()).contains("acknowledged by token:ops (still FIRING)");
        assertThat(run("alerts", "--token", running.viewer)).isZero();
        assertThat(out.toString()).contains("ACKED BY").containsPattern(fingerprint + "\\s+FIRING\\s+token:ops\\s+payments");

        assertThat(run("alerts", "silence", "--match", "service=payments", "--minutes", "30", "--reason", "maintenance",
                "--token", running.operator)).isZero();
        assertThat(out.toString()).startsWith("silence ");
        String silence = running.server.loop().alerting().silences().getFirst().id();
        assertThat(run("alerts", "silences", "--token", running.viewer)).isZero();
        assertThat(out.toString()).contains(silence, "service=payments", "token:ops", "maintenance");
        assertThat(run("alerts", "silence", "--match", "payments", "--reason", "x", "--token", running.operator)).isEqualTo(2);
        assertThat(err.toString()).contains("label=value");
        assertThat(run("alerts", "unsilence", silence, "--token", running.operator)).isZero();
        assertThat(running.server.loop().alerting().silences()).isEmpty();

        assertThat(run("alerts", "resolve", fingerprint, "--reason", "fixed", "--token", running.operator)).isZero();
        assertThat(out.toString()).contains("RESOLVED");
        assertThat(run("alerts", "resolve", "nope", "--reason", "x", "--token", running.operator)).isEqualTo(1);
        assertThat(err.toString()).contains("404");
    }

    @Test
    void anArgumentAnActionDoesNotTakeIsAUsageErrorNamingIt() {
        String[][] commands = {{"approvals", "list", "X"}, {"degradation", "get", "X"}, {"flags", "list", "X"},
            {"alerts", "list", "X"}, {"alerts", "silences", "X"}, {"circuits", "list", "llm:openai"}};
        for (String[] command : commands) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 2);
            args[command.length] = "--token";
            args[command.length + 1] = running.viewer;
            assertThat(run(args)).as(String.join(" ", command)).isEqualTo(2);
            assertThat(err.toString()).as(String.join(" ", command)).startsWith("homeostat " + command[0] + ": "
                    + command[1] + " takes no argument, got unexpected '" + command[2] + "'");
            assertThat(out.toString()).as("nothing listed").isEmpty();
        }
        assertThat(run("flags", "list", "X", "Y", "--token", running.viewer)).isEqualTo(2);
        assertThat(err.toString()).contains("list takes no argument, got unexpected 'X' 'Y'");
        assertThat(run("alerts", "silence", "payments", "--match", "service=payments", "--reason", "x", "--token",
                running.operator)).isEqualTo(2);
        assertThat(running.server.loop().alerting().silences()).isEmpty();
    }

    @Test
    void flagsAndDegradationAreShownAndSet() throws Exception {
        running.server.loop().toggles().register("recommendations", DegradationLevel.REDUCED);
        assertThat(run("flags", "--token", running.viewer)).isZero();
        assertThat(out.toString()).contains("recovery.kill-switch", "false", "recovery.mode", "FULL", "recommendations", "true");
        assertThat(run("flags", "set", "recommendations", "off", "--reason", "slow", "--token", running.operator)).isZero();
        assertThat(out.toString()).contains("forced off: token:ops: slow");
        assertThat(running.server.loop().toggles().isEnabled("recommendations")).isFalse();
        assertThat(run("flags", "set", "recommendations", "maybe", "--reason", "x", "--token", running.operator)).isEqualTo(2);
        assertThat(run("flags", "set", "recovery.mode", "monitor", "--reason", "trial", "--token", running.operator)).isZero();
        assertThat(running.server.loop().recovery().flags().mode()).isEqualTo(AutomationMode.MONITOR);
        assertThat(run("flags", "set", "recovery.service:db:primary", "off", "--reason", "failover", "--token",
                running.operator)).isZero();
        assertThat(out.toString()).contains("recovery.service:db:primary", "by token:ops: failover");
        assertThat(running.server.loop().recovery().flags().disabledServices()).containsExactly("db:primary");
        assertThat(run("flags", "set", "recommendations", "on", "--reason", "x", "--token", running.viewer)).isEqualTo(1);

        // Who set the kill switch and the mode last shows too, not only for what is turned off.
        assertThat(run("flags", "set", "recovery.kill-switch", "on", "--reason", "drill", "--token", running.operator)).isZero();
        assertThat(run("flags", "--token", running.viewer)).isZero();
        assertThat(out.toString()).containsPattern("recovery\\.kill-switch\\s+true\\s+by token:ops: drill")
                .containsPattern("recovery\\.mode\\s+MONITOR\\s+by token:ops: trial");

        // clear is for feature flags: a recovery switch says what it takes instead, before asking the server.
        for (String flag : new String[] {"recovery.kill-switch", "recovery.service:db:primary", "recovery.mode"}) {
            assertThat(run("flags", "set", flag, "clear", "--reason", "x", "--token", running.operator)).as(flag).isEqualTo(2);
            assertThat(err.toString()).startsWith("homeostat flags: clear is for feature flags; " + flag + " takes ")
                    .doesNotContain("missing", "400");
        }
        assertThat(err.toString()).contains("a mode: full, limited, monitor or shadow");
        assertThat(running.server.loop().recovery().flags().killed()).isTrue();
        assertThat(running.server.loop().recovery().flags().disabledServices()).containsExactly("db:primary");

        assertThat(run("degradation", "--token", running.viewer)).isZero();
        assertThat(out.toString()).contains("degradation level FULL");
        assertThat(run("degradation", "set", "essential", "--reason", "db at capacity", "--token", running.operator)).isZero();
        assertThat(out.toString()).contains("degradation level ESSENTIAL", "db at capacity");
        assertThat(running.server.loop().degradation().level()).isEqualTo(DegradationLevel.ESSENTIAL);
        assertThat(run("degradation", "set", "half", "--reason", "x", "--token", running.operator)).isEqualTo(1);
        assertThat(err.toString()).contains("400", "level");
        assertThat(run("degradation", "get", "--token", running.viewer, "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("level").asText()).isEqualTo("ESSENTIAL");
    }
}
