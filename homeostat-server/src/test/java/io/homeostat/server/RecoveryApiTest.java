package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workflows, manual triggers, approvals and the recovery history over loopback HTTP. The shipped
 * restart-now workflow (RunningServer.withApprovals) tells people, then wants to restart without a drain: a high-risk step
 * that waits for a person.
 */
class RecoveryApiTest {

    @RegisterExtension
    final RunningServer running = RunningServer.withApprovals("orders", "billing");

    private JsonNode trigger(String service) {
        RunningServer.Answer started = running.post("/api/v1/workflows/restart-now/runs", running.operator,
                "{\"service\":\"" + service + "\",\"reason\":\"heap climbing since the deploy\"}");
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        return started.json();
    }

    private JsonNode awaitApproval(String runId) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            running.clock.advance(Duration.ofSeconds(1));
            return running.get("/api/v1/approvals", running.viewer).json().path("approvals").findValuesAsText("runId")
                    .contains(runId);
        });
        for (JsonNode pending : running.get("/api/v1/approvals", running.viewer).json().path("approvals")) {
            if (pending.path("runId").asText().equals(runId)) {
                return pending;
            }
        }
        throw new AssertionError("no approval for " + runId);
    }

    @Test
    void listsTheWorkflowsWithTheirSteps() {
        JsonNode workflows = running.get("/api/v1/workflows", running.viewer).json().path("workflows");
        List<String> names = new java.util.ArrayList<>();
        workflows.forEach(workflow -> names.add(workflow.path("name").asText()));
        assertThat(names).contains("ai-provider-failure", "database-connection-lost", "memory-leak");
        JsonNode leak = workflows.get(names.indexOf("memory-leak"));
        assertThat(leak.path("steps").findValuesAsText("name")).containsExactly("tell-people", "scale-out", "graceful-restart");
        assertThat(leak.path("services").get(0).asText()).isEqualTo("*");
        JsonNode restart = leak.path("steps").get(2);
        assertThat(restart.path("onFailure").asText()).isEqualTo("abort");
        assertThat(restart.path("delay").asDouble()).as("seconds, as every duration of the API").isEqualTo(60);
        assertThat(restart.path("timeout").asDouble()).isEqualTo(300);
        assertThat(restart.path("alternatives").findValuesAsText("action")).containsExactly("restart_process", "run_command");
    }

    @Test
    void aManualTriggerRefusesWhatItCannotRun() {
        assertThat(running.post("/api/v1/workflows/nope/runs", running.operator, "{\"service\":\"orders\",\"reason\":\"x\"}")
                .status()).isEqualTo(404);
        RunningServer.Answer nothing = running.post("/api/v1/workflows/memory-leak/runs", running.operator, "{\"reason\":\"x\"}");
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.json().path("field").asText()).isEqualTo("incident");
        RunningServer.Answer noReason = running.post("/api/v1/workflows/memory-leak/runs", running.operator,
                "{\"service\":\"orders\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("field").asText()).isEqualTo("reason");
        RunningServer.Answer wrongService = running.post("/api/v1/workflows/database-connection-lost/runs", running.operator,
                "{\"service\":\"orders\",\"reason\":\"x\"}");
        assertThat(wrongService.status()).isEqualTo(400);
        assertThat(wrongService.json().path("field").asText()).isEqualTo("service");
        RunningServer.Answer longService = running.post("/api/v1/workflows/memory-leak/runs", running.operator,
                "{\"service\":\"" + "s".repeat(201) + "\",\"reason\":\"x\"}");
        assertThat(longService.status()).as("an incident the store could not keep").isEqualTo(400);
        assertThat(longService.json().path("field").asText()).isEqualTo("service");
        assertThat(running.post("/api/v1/workflows/memory-leak/runs", running.operator,
                "{\"incident\":\"no-such\",\"reason\":\"x\"}").status()).isEqualTo(404);
        RunningServer.Answer wrongServiceOfIncident = running.post("/api/v1/workflows/ai-provider-failure/runs",
                running.operator, "{\"incident\":\"no-such\",\"service\":\"orders\",\"reason\":\"x\"}");
        assertThat(wrongServiceOfIncident.json().path("field").asText()).isEqualTo("service");
        assertThat(running.post("/api/v1/workflows/memory-leak/runs", running.viewer,
                "{\"service\":\"orders\",\"reason\":\"x\"}").status()).isEqualTo(403);
        assertThat(running.get("/api/v1/approvals", running.viewer).json().path("approvals")).isEmpty();
    }

    @Test
    void aTriggeredRunWaitsForApprovalAndARejectionEscalatesIt() {
        JsonNode started = trigger("orders");
        String runId = started.path("runId").asText();
        String incidentId = started.path("incidentId").asText();
        assertThat(started.path("outcome").asText()).isEqualTo("STARTED");
        assertThat(running.get("/api/v1/incidents/" + incidentId, running.viewer).json().path("incident")
                .path("services").get(0).asText()).isEqualTo("orders");
        RunningServer.Answer again = running.post("/api/v1/workflows/restart-now/runs", running.operator,
                "{\"incident\":\"" + incidentId + "\",\"reason\":\"once more\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("runId").asText()).isEqualTo(runId);

        assertThat(running.get("/api/v1/overview", running.viewer).json().path("recovery").path("activeRuns").asInt())
                .isEqualTo(1);
        JsonNode pending = awaitApproval(runId);
        assertThat(pending.path("action").asText()).isEqualTo("restart_process");
        assertThat(pending.path("step").asText()).isEqualTo("restart");
        assertThat(pending.path("service").asText()).isEqualTo("orders");
        assertThat(running.get("/api/v1/overview", running.viewer).json().path("recovery").path("awaitingApproval").asInt())
                .isEqualTo(1);

        RunningServer.Answer noNote = running.post("/api/v1/approvals/" + runId + "/reject", running.operator, "{}");
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.json().path("field").asText()).isEqualTo("note");
        assertThat(running.post("/api/v1/approvals/no-such-run/reject", running.operator, "{\"note\":\"x\"}").status())
                .isEqualTo(404);
        assertThat(running.post("/api/v1/approvals/" + runId + "/reject", running.viewer, "{\"note\":\"x\"}").status())
                .isEqualTo(403);

        RunningServer.Answer rejected = running.post("/api/v1/approvals/" + runId + "/reject", running.operator,
                "{\"note\":\"not during the sale\"}");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().path("phase").asText()).isEqualTo("ESCALATED");
        assertThat(running.post("/api/v1/approvals/" + runId + "/approve", running.operator, "{}").status())
                .as("nothing is pending any more").isEqualTo(409);
        assertThat(running.get("/api/v1/approvals", running.viewer).json().path("approvals")).isEmpty();

        JsonNode run = running.get("/api/v1/recovery/runs/" + runId, running.viewer).json();
        assertThat(run.path("run").path("phase").asText()).isEqualTo("ESCALATED");
        assertThat(run.path("steps").findValuesAsText("action")).contains("alert");
        assertThat(running.get("/api/v1/recovery/runs/no-such-run", running.viewer).status()).isEqualTo(404);

        running.clock.advance(Duration.ofSeconds(1));
        JsonNode history = running.get("/api/v1/recovery/history?hours=2", running.viewer).json();
        assertThat(history.path("runs").get(0).path("run").path("runId").asText()).isEqualTo(runId);
        assertThat(history.path("runs").get(0).path("steps")).isNotEmpty();
        long failed = 0;
        for (JsonNode hour : history.path("byHour")) {
            failed += hour.path("failed").asLong();
        }
        assertThat(failed).as("an escalated run counts as failed in its hour").isEqualTo(1);
        assertThat(running.get("/api/v1/recovery/history?hours=0", running.viewer).json().path("field").asText())
                .isEqualTo("hours");
        assertThat(running.get("/api/v1/recovery/history?hours=many", running.viewer).status()).isEqualTo(400);

        JsonNode records = running.get("/api/v1/audit?actor=token:ops", running.viewer).json().path("records");
        assertThat(records.findValuesAsText("action")).contains("api.workflow.run", "api.approval.reject");
        assertThat(running.get("/api/v1/audit?action=recovery.approval.rejected", running.viewer).json().path("records")
                .get(0).path("actor").asText()).isEqualTo("token:ops");
    }

    @Test
    void anApprovalLetsTheStepActAndIsStreamedLive() throws Exception {
        try (LiveLines live = new LiveLines(running.request("/api/v1/events", running.viewer)
                .header("Accept", "text/event-stream").GET().build())) {
            List<String> lines = live.lines();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> running.server.events().clients() == 1);

            String runId = trigger("billing").path("runId").asText();
            awaitApproval(runId);
            RunningServer.Answer approved = running.post("/api/v1/approvals/" + runId + "/approve", running.admin,
                    "{\"note\":\"go\"}");
            assertThat(approved.status()).as(approved.text()).isEqualTo(200);
            assertThat(approved.json().path("runId").asText()).isEqualTo(runId);

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines)
                    .contains("event: recovery", "event: approval"));
            assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("data: ")
                    .contains("recovery.run.started", runId));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("recovery.approval.granted", "token:admin"));
        }
        assertThat(running.get("/api/v1/audit?action=api.approval.approve", running.viewer).json().path("records")
                .get(0).path("actor").asText()).isEqualTo("token:admin");
    }
}
