package io.homeostat.engine.diagnose.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.engine.graph.DependencyGraph;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class DependencyLearnerTest {

    private static final Instant T = Instant.parse("2026-03-02T14:00:00Z");

    @Test
    void learnsWhoCallsWhomFromTheCallerTagOnTopOfTheDeclaredGraph() {
        DependencyLearner learner = DependencyLearner.from(DependencyGraph.of(Map.of("triage", Set.of("pharmaguard"))));

        learner.observe(outcome("db:primary", Map.of(DependencyLearner.CALLER_TAG, "pharmaguard")));
        learner.observe(new FailureEvent("llm:openai", ErrorCategory.TIMEOUT, "t", "m", T,
                Map.of(DependencyLearner.CALLER_TAG, "triage")));
        learner.observe(outcome("db:primary", Map.of(DependencyLearner.CALLER_TAG, "pharmaguard")));

        DependencyGraph graph = learner.get();
        assertThat(graph.dependenciesOf("triage")).containsExactly("pharmaguard", "llm:openai");
        assertThat(graph.dependenciesOf("pharmaguard")).containsExactly("db:primary");
        assertThat(graph.isUpstreamOf("db:primary", "triage")).isTrue();
        assertThat(learner.edgesLearned()).isEqualTo(2);
    }

    @Test
    void signalsWithoutACallerOrCallingThemselvesTeachNothing() {
        DependencyLearner learner = DependencyLearner.from(DependencyGraph.empty());

        learner.observe(outcome("db:primary", Map.of()));
        learner.observe(outcome("db:primary", Map.of(DependencyLearner.CALLER_TAG, "db:primary")));
        learner.observe(outcome("db:primary", Map.of(DependencyLearner.CALLER_TAG, "  ")));

        assertThat(learner.get()).isEqualTo(DependencyGraph.empty());
        assertThat(learner.edgesLearned()).isZero();
    }

    @Test
    void countsEveryServiceSeenAndEveryServiceInTheGraph() {
        DependencyLearner learner = DependencyLearner.from(DependencyGraph.of(Map.of("triage", Set.of("pharmaguard"))));

        learner.observe(outcome("db:primary", Map.of()));
        learner.observe(outcome("db:primary", Map.of(DependencyLearner.CALLER_TAG, "reports")));
        learner.observe(outcome("pharmaguard", Map.of()));

        assertThat(learner.serviceCount()).as("triage, pharmaguard, db:primary, reports").isEqualTo(4);
    }

    @Test
    void countsServicesSeenUpToTheBound() {
        DependencyLearner learner = DependencyLearner.from(DependencyGraph.empty(), 2);

        for (String service : List.of("a", "b", "a", "c", "b", "d")) {
            learner.observe(outcome(service, Map.of()));
        }

        assertThat(learner.serviceCount()).as("a and b; c and d come after the bound").isEqualTo(2);
    }

    @Test
    void learnsAtMostTheBoundAndCountsWhatItDropped() {
        DependencyLearner learner = DependencyLearner.from(DependencyGraph.empty(), 2);

        for (int i = 0; i < 5; i++) {
            learner.observe("caller" + i, "db");
        }
        learner.observe("caller0", "db");

        assertThat(learner.get().dependentsOf("db")).containsExactly("caller0", "caller1");
        assertThat(learner.edgesDropped()).isEqualTo(3);
        assertThatThrownBy(() -> DependencyLearner.from(DependencyGraph.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void learnsFromABus() throws Exception {
        DependencyLearner learner = DependencyLearner.from(DependencyGraph.empty());
        try (InProcessSignalBus bus = InProcessSignalBus.manual(); AutoCloseable subscription = learner.attach(bus)) {
            bus.publish(outcome("db:primary", Map.of(DependencyLearner.CALLER_TAG, "orders")));
            bus.drain();
        }

        assertThat(learner.get().dependenciesOf("orders")).containsExactly("db:primary");
    }

    @Test
    void concurrentLearnersLoseNoEdge() throws Exception {
        DependencyLearner learner = DependencyLearner.from(DependencyGraph.empty());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    learner.observe("svc" + thread + "-" + i, "db");
                    learner.observe("svc" + ((thread + 1) % 4) + "-" + i, "db");
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(learner.get().dependentsOf("db")).hasSize(800);
        assertThat(learner.edgesLearned()).isEqualTo(800);
    }

    private static OperationOutcome outcome(String service, Map<String, String> tags) {
        return new OperationOutcome(service, OperationOutcome.Status.SUCCESS, null, 1000, null, T, tags);
    }
}
