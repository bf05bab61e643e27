package io.homeostat.engine.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StepPhaseTest {

    @Test
    void aShadowedStepAndAChoiceAreNoActionsEveryOtherPhaseIs() {
        assertThat(Arrays.stream(StepPhase.values()).filter(phase -> !phase.isAction()))
                .containsExactlyInAnyOrder(StepPhase.SHADOWED, StepPhase.CHOSEN);
    }
}
