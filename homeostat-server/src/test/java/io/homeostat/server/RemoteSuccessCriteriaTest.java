package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.execute.RunPhase;
import io.homeostat.engine.execute.StepPhase;
import io.homeostat.engine.execute.StepRecord;
import io.homeostat.engine.execute.WorkflowRun;
import io.homeostat.engine.execute.RecoveryPolicy;
import io.homeostat.engine.graph.DependencyGraph;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import io.homeostat.engine.plan.WorkflowReader;
import io.homeostat.server.runtime.LoopOptions;
import io.homeostat.server.runtime.LoopTuning;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A success criterion of a service that reports over HTTP (no guard in the server's JVM) is verified
 * from the metric samples it posts to {@code /api/v1/signals}: it holds while the reported error
 * rate stays below its bound, and does not while it stays above.
 */
class RemoteSuccessCriteriaTest {

    private static final String SERVICE = "remote-api";

    @TempDir
    Path data;

    private static RunningServer start(Path data) {
        return new RunningServer(data, LoopOptions.defaults().withTuning(new LoopTuning(List.of(), WorkflowReader.read("test",
                """
                workflows:
                  - name: heal-remote
                    trigger: [manual]
                    services: ["*"]
                    steps:
                      - name: tell
                        action: alert
                        params: {message: "healing ${service}"}
                        success: [{metric: error_rate, below: 0.05, for: 5s}]
                        on_failure: rollback
                        timeout: 20s
                """), List.of(), IncidentTrackerConfig.ofDefaults(), RecoveryPolicy.ofDefaults(),
                DependencyGraph.empty())));
    }

    /** Posts one second's report (an error rate sample and a successful call) stamped now, and waits until it is read. */
    private static void report(RunningServer running, double errorRate) {
        String time = running.clock.instant().toString();
        String body = String.format(Locale.ROOT, """
                {"signals":[
                  {"id":"%s","kind":"metric_sample","service":"%s","metric":"error.rate","value":%s,"time":"%s"},
                  {"id":"%s","kind":"operation_outcome","service":"%s","status":"success","latencyNanos":1000000,"time":"%s"}
                ]}""", UUID.randomUUID(), SERVICE, errorRate, time, UUID.randomUUID(), SERVICE, time);
        RunningServer.Answer answer = running.post("/api/v1/signals", running.operator, body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            OptionalDouble read = running.server.loop().samples().read(SERVICE, "error_rate");
            return read.isPresent() && read.getAsDouble() == errorRate;
        });
    }

    private static String startRun(RunningServer running) {
        RunningServer.Answer started = running.post("/api/v1/workflows/heal-remote/runs", running.operator,
                "{\"service\":\"" + SERVICE + "\",\"reason\":\"test\"}");
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        return started.json().path("runId").asText();
    }

    /** Reports once a second with error rates {@code first}, {@code first + step}, ... until the run ends (at most 40 s). */
    private static WorkflowRun reportUntilTheRunEnds(RunningServer running, String runId, double first, double step) {
        for (int second = 0; second < 40; second++) {
            report(running, first + second * step);
            running.clock.advance(Duration.ofSeconds(1));
            WorkflowRun run = running.server.loop().recovery().run(runId).orElseThrow();
            if (!run.phase().active()) {
                return run;
            }
        }
        throw new AssertionError("the run did not end within 40 s");
    }

    @Test
    void aStepVerifiesFromTheErrorRateTheServiceReports() {
        try (RunningServer running = start(data)) {
            String runId = startRun(running);

            WorkflowRun run = reportUntilTheRunEnds(running, runId, 0.0, 0.001);

            assertThat(run.phase()).as(run.reason()).isEqualTo(RunPhase.SUCCEEDED);
            assertThat(running.server.loop().recovery().steps(runId)).extracting(StepRecord::phase)
                    .contains(StepPhase.VERIFIED);
            assertThat(running.server.loop().recovery().steps(runId)).filteredOn(r -> r.phase() == StepPhase.VERIFIED)
                    .first().extracting(StepRecord::detail).asString().contains("error_rate < 0.05 for PT5S read 0.0");
        }
    }

    @Test
    void aStepDoesNotVerifyWhileTheReportedErrorRateStaysHigh() {
        try (RunningServer running = start(data)) {
            String runId = startRun(running);

            WorkflowRun run = reportUntilTheRunEnds(running, runId, 0.5, 0.001);

            assertThat(run.phase()).isEqualTo(RunPhase.ROLLED_BACK);
            assertThat(running.server.loop().recovery().steps(runId)).filteredOn(r -> r.phase() == StepPhase.UNVERIFIED)
                    .first().extracting(StepRecord::detail).asString()
                    .contains("error_rate < 0.05 for PT5S read 0.5").doesNotContain("read nothing");
        }
    }

    @Test
    void aServiceThatStoppedReportingReadsNothing() {
        try (RunningServer running = start(data)) {
            report(running, 0.0);
            assertThat(running.server.loop().samples().read(SERVICE, "error_rate")).hasValue(0.0);

            running.clock.advance(Duration.ofSeconds(6));

            assertThat(running.server.loop().samples().read(SERVICE, "error_rate")).isEmpty();
        }
    }
}
