package io.homeostat.engine.execute.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.control.ControlledCapacity;
import io.homeostat.core.control.KernelControl;
import io.homeostat.engine.execute.ActionFailedException;
import io.homeostat.engine.execute.ActionRequest;
import io.homeostat.engine.execute.ActionResult;
import io.homeostat.engine.plan.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RestartAndScaleActionsTest {

    private final List<String> restarts = new CopyOnWriteArrayList<>();
    private final AtomicInteger workers = new AtomicInteger(4);
    private final KernelControl control = KernelControl.builder()
            .restartable("worker", (drain, reason) -> {
                restarts.add(drain + " " + reason);
                return "drained 3 jobs";
            })
            .capacity("worker", ControlledCapacity.of(2, 6, workers::get, workers::set))
            .build();
    private final RestartAction restart = new RestartAction(control);
    private final ScaleAction scale = new ScaleAction(control);

    @Test
    void restartsARegisteredComponentWithItsDrain() {
        ActionRequest request = Requests.on("worker", Map.of("drain", "5s"));

        assertThat(restart.unmetPrerequisite(request)).isEmpty();
        ActionResult result = restart.run(request);

        assertThat(restarts).containsExactly("PT5S recovery " + request.key());
        assertThat(result.detail()).contains("restarted worker (drain PT5S): drained 3 jobs");
        assertThat(restart.reversible()).isFalse();
    }

    @Test
    void anUnmanagedComponentIsNotRestartedAndSaysSo() {
        ActionRequest request = Requests.on("billing", Map.of());

        assertThat(restart.unmetPrerequisite(request))
                .hasValueSatisfying(why -> assertThat(why).startsWith("billing is not managed"));
        assertThatThrownBy(() -> restart.run(request)).isInstanceOf(ActionFailedException.class)
                .hasMessageContaining("not managed");
        assertThat(new RestartAction(KernelControl.builder().build()).unmetPrerequisite(request)).isPresent();
        assertThat(restarts).isEmpty();
    }

    @Test
    void aHardRestartIsHighRiskAndABadDrainIsRefused() {
        assertThat(restart.risk(Map.of())).isEqualTo(RiskLevel.MEDIUM);
        assertThat(restart.risk(Map.of("drain", "0s"))).isEqualTo(RiskLevel.HIGH);
        assertThat(restart.unmetPrerequisite(Requests.on("worker", Map.of("drain", "soon"))))
                .hasValueSatisfying(why -> assertThat(why).contains("'soon' is not a duration"));
        assertThat(restart.unmetPrerequisite(Requests.on("worker", Map.of("drain", "1h"))))
                .hasValueSatisfying(why -> assertThat(why).contains("longer than the most allowed"));
    }

    @Test
    void aComponentThatFailsToRestartFailsTheAction() {
        KernelControl failing = KernelControl.builder().restartable("worker", (drain, reason) -> {
            throw new IllegalStateException("port in use");
        }).build();

        assertThatThrownBy(() -> new RestartAction(failing).run(Requests.on("worker", Map.of())))
                .isInstanceOf(ActionFailedException.class).hasMessageContaining("port in use");
    }

    @Test
    void aRestartThatDoesNotReturnWithinItsTimeoutFailsAndIsInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        KernelControl stuck = KernelControl.builder().restartable("worker", (drain, reason) -> {
            try {
                new CountDownLatch(1).await();
                return "never";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IllegalStateException("interrupted");
            }
        }).build();

        assertThatThrownBy(() -> new RestartAction(stuck).run(Requests.on("worker", Map.of("drain", "0s", "timeout", "200ms"))))
                .isInstanceOf(ActionFailedException.class).hasMessageContaining("did not finish within PT0.2S");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(restart.unmetPrerequisite(Requests.on("worker", Map.of("drain", "30s", "timeout", "10s"))))
                .hasValueSatisfying(why -> assertThat(why).contains("must be longer than the drain"));
    }

    @Test
    void scalesByAStepAndRollsBackToTheSizeBefore() {
        ActionRequest up = Requests.on("worker", Map.of("by", "+2"));

        assertThat(scale.unmetPrerequisite(up)).isEmpty();
        ActionResult result = scale.run(up);
        assertThat(workers.get()).isEqualTo(6);
        assertThat(result.detail()).isEqualTo("scaled worker 4 -> 6");

        scale.rollback(up, result);
        assertThat(workers.get()).isEqualTo(4);
        assertThat(scale.reversible()).isTrue();
    }

    @Test
    void scalesToASizeOnANamedTarget() {
        scale.run(Requests.on("orders", Map.of("target", "worker", "to", "2")));

        assertThat(workers.get()).isEqualTo(2);
    }

    @Test
    void neverLeavesTheBoundsTheApplicationSet() {
        assertThat(scale.unmetPrerequisite(Requests.on("worker", Map.of("by", "+3"))))
                .hasValueSatisfying(why -> assertThat(why).contains("would leave its bounds [2, 6] (size now 4)"));
        assertThatThrownBy(() -> scale.run(Requests.on("worker", Map.of("to", "1"))))
                .isInstanceOf(ActionFailedException.class).hasMessageContaining("bounds [2, 6]");
        assertThatThrownBy(() -> control.scale("worker", 7, "by hand")).isInstanceOf(IllegalArgumentException.class);
        assertThat(workers.get()).isEqualTo(4);
    }

    @Test
    void needsExactlyOneOfByAndToAndAManagedTarget() {
        assertThat(scale.unmetPrerequisite(Requests.on("worker", Map.of())))
                .hasValueSatisfying(why -> assertThat(why).contains("exactly one of 'by' and 'to'"));
        assertThat(scale.unmetPrerequisite(Requests.on("worker", Map.of("by", "1", "to", "3")))).isPresent();
        assertThat(scale.unmetPrerequisite(Requests.on("worker", Map.of("by", "lots"))))
                .hasValueSatisfying(why -> assertThat(why).contains("not a whole number"));
        assertThat(scale.unmetPrerequisite(Requests.on("search", Map.of("by", "1"))))
                .hasValueSatisfying(why -> assertThat(why).startsWith("search is not managed"));
    }

    @Test
    void restartAndScaleRefuseParametersTheyCouldNeverRunWith() {
        assertThat(restart.invalidParams(Map.of())).isEmpty();
        assertThat(restart.invalidParams(Map.of("drain", "5s", "timeout", "1m"))).isEmpty();
        assertThat(restart.invalidParams(Map.of("drain", "soon"))).hasValue("drain 'soon' is not a duration such as 30s");
        assertThat(restart.invalidParams(Map.of("drain", "1h"))).hasValueSatisfying(why -> assertThat(why)
                .contains("longer than the most allowed"));
        assertThat(restart.invalidParams(Map.of("drain", "30s", "timeout", "10s"))).isPresent();

        assertThat(scale.invalidParams(Map.of("target", "${service}", "by", "+1"))).isEmpty();
        assertThat(scale.invalidParams(Map.of("to", "3"))).isEmpty();
        assertThat(scale.invalidParams(Map.of("by", "lots"))).hasValue("by: 'lots' is not a whole number");
        assertThat(scale.invalidParams(Map.of())).hasValue("scale needs exactly one of 'by' and 'to'");
        assertThat(scale.invalidParams(Map.of("by", "1", "to", "3"))).isPresent();
    }

    @Test
    void scalingUpIsLowRiskAndDownMedium() {
        assertThat(scale.risk(Map.of("by", "+1"))).isEqualTo(RiskLevel.LOW);
        assertThat(scale.risk(Map.of("by", "1"))).isEqualTo(RiskLevel.LOW);
        assertThat(scale.risk(Map.of("by", "-1"))).isEqualTo(RiskLevel.MEDIUM);
        assertThat(scale.risk(Map.of("to", "3"))).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void bothAreInTheStandardCatalog() {
        var catalog = StandardActions.catalog(control, List.of(), notice -> { }, List.of(), List.of(),
                io.homeostat.core.time.ManualClock.create(), List.of());

        assertThat(catalog.names()).contains("restart_process", "scale");
    }
}
