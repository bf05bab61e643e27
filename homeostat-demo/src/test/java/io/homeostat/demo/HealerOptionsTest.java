package io.homeostat.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.time.Scheduler;
import io.homeostat.demo.triage.TriageSystem;
import io.homeostat.engine.plan.Workflow;
import io.homeostat.server.runtime.LoopOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the demo gives the server's loop: its YAML loads, and the probes, pools and routes are there. */
class HealerOptionsTest {

    @Test
    void theDemoTuningLoadsAndNamesEveryTarget() {
        try (TriageSystem system = TriageSystem.start(Scheduler.system().clock(), 1)) {
            LoopOptions options = Healer.options(system, Scheduler.system());

            assertThat(options.tuning().workflows()).extracting(Workflow::name)
                    .containsExactly("demo-memory-restart", "demo-database-pool-reset", "demo-upstream-failure");
            assertThat(options.restartables()).containsKeys("xray_analysis", "pharmaguard");
            system.upstream("xray_analysis").update(f -> f.withLeak(1000));
            assertThat(options.restartables().get("xray_analysis").restart(Duration.ofSeconds(1), "test"))
                    .startsWith("restarted xray_analysis gracefully");
            assertThat(system.upstream("xray_analysis").restarts()).isEqualTo(1);
            assertThat(options.tuning().detectors()).hasSize(2);
            assertThat(options.tuning().graph().dependenciesOf("pharmaguard")).containsExactly("db:primary");
            assertThat(options.routes()).extracting(r -> r.name()).containsExactly("llm", "db");
            assertThat(options.pools()).containsKeys("db:primary", "db:replica");
            assertThat(options.probes()).containsKeys("llm:openai", "pharmaguard", "db:primary");
            // The first call of a cold JVM on a loaded machine may take longer than the probe allows.
            await().atMost(Duration.ofSeconds(20)).until(options.probes().get("pharmaguard")::getAsBoolean);
            system.upstream("pharmaguard").update(f -> f.withLatency(Duration.ofSeconds(1)));
            assertThat(options.probes().get("pharmaguard").getAsBoolean()).as("slower than the probe's 500 ms").isFalse();
            assertThat(options.settle()).isEqualTo(Duration.ofSeconds(1));
        }
    }
}
