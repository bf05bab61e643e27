package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.control.KernelControl;
import io.homeostat.core.degrade.Degradation;
import io.homeostat.core.degrade.DegradationChange;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.plan.DegradationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Automatic degradation with the default policy: reduced below 0.8 (back above 0.9), essential
 * below 0.6 (0.75), read-only below 0.4, maintenance below 0.2; hold 2 min; essential at most.
 */
class AutoDegradationTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final Degradation degradation = Degradation.create(clock);
    private final List<DegradationChange> changes = new CopyOnWriteArrayList<>();
    private final AtomicReference<Double> score = new AtomicReference<>(1.0);
    private final List<AuditEntry> audit = new CopyOnWriteArrayList<>();
    private final List<EscalationNotice> escalations = new CopyOnWriteArrayList<>();
    private final RecoveryFlags flags = new RecoveryFlags();
    private final AutoDegradation auto = AutoDegradation.builder().policy(DegradationPolicy.ofDefaults())
            .health(score::get).control(KernelControl.builder().degradation(degradation).build()).clock(clock)
            .flags(flags).audit(audit::add).escalation(escalations::add).build();

    AutoDegradationTest() {
        degradation.subscribe(changes::add);
    }

    private DegradationLevel at(double value, Duration after) {
        clock.advance(after);
        score.set(value);
        return auto.tick();
    }

    @Test
    void stepsDownAtOnceToTheLevelTheScoreCallsFor() {
        assertThat(at(0.95, Duration.ZERO)).isEqualTo(DegradationLevel.FULL);
        assertThat(at(0.79, Duration.ofSeconds(10))).isEqualTo(DegradationLevel.REDUCED);
        assertThat(at(0.55, Duration.ofSeconds(10))).isEqualTo(DegradationLevel.ESSENTIAL);

        assertThat(changes).extracting(DegradationChange::to)
                .containsExactly(DegradationLevel.REDUCED, DegradationLevel.ESSENTIAL);
        assertThat(audit).filteredOn(a -> a.decision().equals("degradation.stepped-down")).hasSize(2)
                .last().satisfies(a -> {
                    assertThat(a.reason()).startsWith("health score 0.55 is below 0.6 (essential)");
                    assertThat(a.evidence()).containsEntry("score", "0.55").containsEntry("from", "REDUCED")
                            .containsEntry("to", "ESSENTIAL").containsEntry("action", "set_degradation")
                            .containsEntry("risk", "MEDIUM");
                });
    }

    @Test
    void aSuddenCollapseJumpsStraightDownPastTheMilderLevels() {
        assertThat(at(0.5, Duration.ZERO)).isEqualTo(DegradationLevel.ESSENTIAL);
        assertThat(changes).hasSize(1);
    }

    @Test
    void insideTheHysteresisBandNothingChanges() {
        at(0.7, Duration.ZERO);
        assertThat(degradation.level()).isEqualTo(DegradationLevel.REDUCED);

        for (int i = 0; i < 60; i++) {
            at(i % 2 == 0 ? 0.81 : 0.89, Duration.ofSeconds(10));
        }

        assertThat(degradation.level()).as("0.81 and 0.89 are inside (0.8, 0.9]").isEqualTo(DegradationLevel.REDUCED);
        assertThat(changes).hasSize(1);
    }

    @Test
    void stepsUpOneLevelAtATimeOnlyAfterTheHold() {
        at(0.5, Duration.ZERO);
        assertThat(degradation.level()).isEqualTo(DegradationLevel.ESSENTIAL);

        at(0.95, Duration.ofSeconds(10));
        assertThat(at(0.95, Duration.ofSeconds(110))).as("1 min 50 s is not the 2 min hold")
                .isEqualTo(DegradationLevel.ESSENTIAL);
        assertThat(at(0.95, Duration.ofSeconds(10))).isEqualTo(DegradationLevel.REDUCED);
        assertThat(at(0.95, Duration.ofSeconds(60))).as("the next level's hold counts from the step")
                .isEqualTo(DegradationLevel.REDUCED);
        assertThat(at(0.95, Duration.ofSeconds(60))).isEqualTo(DegradationLevel.FULL);

        assertThat(changes).extracting(DegradationChange::to).containsExactly(DegradationLevel.ESSENTIAL,
                DegradationLevel.REDUCED, DegradationLevel.FULL);
        assertThat(audit).filteredOn(a -> a.decision().equals("degradation.stepped-up")).first()
                .satisfies(a -> assertThat(a.reason()).contains("stayed above 0.75 for PT2M"));
    }

    @Test
    void aDipBelowTheRecoveryLevelRestartsTheHold() {
        at(0.7, Duration.ZERO);
        at(0.95, Duration.ofSeconds(10));
        at(0.95, Duration.ofSeconds(90));
        at(0.85, Duration.ofSeconds(10));
        at(0.95, Duration.ofSeconds(10));
        assertThat(at(0.95, Duration.ofSeconds(90))).as("the hold restarted at the dip").isEqualTo(DegradationLevel.REDUCED);
        assertThat(at(0.95, Duration.ofSeconds(30))).isEqualTo(DegradationLevel.FULL);
    }

    @Test
    void aScoreSwingingAcrossTheThresholdsDoesNotOscillate() {
        for (int i = 0; i < 40; i++) {
            at(i % 2 == 0 ? 0.78 : 0.93, Duration.ofSeconds(30));
        }

        assertThat(changes).as("one step down; the score never stays above 0.9 for the hold")
                .extracting(DegradationChange::to).containsExactly(DegradationLevel.REDUCED);
    }

    @Test
    void neverGoesPastTheMaximumByItselfAndEscalatesOnce() {
        at(0.1, Duration.ZERO);
        at(0.05, Duration.ofSeconds(10));
        at(0.1, Duration.ofSeconds(10));

        assertThat(degradation.level()).isEqualTo(DegradationLevel.ESSENTIAL);
        assertThat(escalations).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(EscalationNotice.Kind.HELD);
            assertThat(n.message()).contains("calls for maintenance, past essential");
        });
        assertThat(audit).filteredOn(a -> a.decision().equals("degradation.capped")).hasSize(1);

        at(0.5, Duration.ofSeconds(10));
        at(0.1, Duration.ofSeconds(10));
        assertThat(escalations).as("a new episode escalates again").hasSize(2);
    }

    @Test
    void aLevelAPersonSetIsLeftForAPersonToLift() {
        degradation.set(DegradationLevel.ESSENTIAL, "operator: migration");

        for (int i = 0; i < 10; i++) {
            at(1.0, Duration.ofMinutes(1));
        }

        assertThat(degradation.level()).isEqualTo(DegradationLevel.ESSENTIAL);
        assertThat(at(0.3, Duration.ofSeconds(10))).as("it still protects the service when health falls")
                .isEqualTo(DegradationLevel.ESSENTIAL);
    }

    @Test
    void shadowModeRecordsWhatItWouldDoOnceAndActsOnNothing() {
        flags.mode(AutomationMode.SHADOW);

        at(0.7, Duration.ZERO);
        at(0.7, Duration.ofSeconds(10));

        assertThat(degradation.level()).isEqualTo(DegradationLevel.FULL);
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo("degradation.shadowed");
            assertThat(a.reason()).contains("would move full -> reduced");
        });
    }

    @Test
    void theKillSwitchAndLimitedModeHoldIt() {
        flags.kill(true);
        at(0.7, Duration.ZERO);
        flags.kill(false).mode(AutomationMode.LIMITED);
        at(0.7, Duration.ofSeconds(10));

        assertThat(degradation.level()).isEqualTo(DegradationLevel.FULL);
        assertThat(audit).extracting(AuditEntry::decision).containsOnly("degradation.held");
        assertThat(audit).extracting(AuditEntry::reason).anySatisfy(r -> assertThat(r).contains("kill switch is on"));

        flags.mode(AutomationMode.FULL);
        assertThat(at(0.7, Duration.ofSeconds(10))).isEqualTo(DegradationLevel.REDUCED);
    }
}
