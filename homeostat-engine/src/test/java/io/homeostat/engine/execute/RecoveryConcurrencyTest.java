package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.incident.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RecoveryConcurrencyTest {

    @Test
    void twoProcessesRacingOnTwoIncidentsStartOneRunEachAndActOnce() throws Exception {
        Recovery r = new Recovery("""
                workflows:
                  - name: one
                    trigger: error_threshold
                    steps:
                      - {name: act, action: low, success: [{metric: error_rate, below: 0.01, for: 30s}]}
                """);
        RecoveryOrchestrator first = r.orchestrator();
        RecoveryOrchestrator second = r.orchestrator();
        List<Incident> incidents = new ArrayList<>();
        incidents.add(r.incident("svc-0"));
        incidents.add(r.incident("svc-1"));
        ConcurrentLinkedQueue<StartResult> results = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            RecoveryOrchestrator mine = t % 2 == 0 ? first : second;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (Incident incident : incidents) {
                    results.add(r.recover(mine, incident));
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }

        assertThat(results).hasSize(16);
        assertThat(results).filteredOn(s -> s.outcome() == StartResult.Outcome.STARTED).hasSize(2);
        assertThat(r.low.runs).hasSize(2).doesNotHaveDuplicates();
        assertThat(r.runs.active()).hasSize(2);

        r.metrics.put("svc-0/error_rate", 0.0);
        r.metrics.put("svc-1/error_rate", 0.0);
        for (int i = 0; i < 4; i++) {
            r.clock.advance(Duration.ofSeconds(10));
            first.tick();
            second.tick();
        }
        assertThat(r.runs.active()).isEmpty();
        assertThat(r.low.runs).hasSize(2);
        assertThat(first.tickFailures() + second.tickFailures()).isZero();
    }
}
