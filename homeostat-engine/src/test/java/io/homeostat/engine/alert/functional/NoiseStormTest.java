package io.homeostat.engine.alert.functional;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoiseStormTest {

    @Test
    void tenThousandDetectionsFromThreeRootCausesReachPeopleAsFewerThanTwentyNotifications() {
        NoiseStorm.Result result = NoiseStorm.run(42, true);

        assertThat(result.detections()).isEqualTo(10_000);
        assertThat(NoiseStorm.graph().services()).hasSize(50);
        assertThat(result.notifications()).isLessThan(20);
        assertThat(result.rootsNotified()).containsExactlyInAnyOrderElementsOf(NoiseStorm.ROOTS);
        assertThat(result.downstreamNotified()).isEmpty();
        assertThat(result.escalations()).isEqualTo(3); // one page per root cause, acknowledged in time
        assertThat(result.stats().activeAlerts()).isZero();
    }

    @Test
    void withoutTheDependencyGraphTheSameStormIsFarNoisier() {
        NoiseStorm.Result inhibited = NoiseStorm.run(42, true);
        NoiseStorm.Result flat = NoiseStorm.run(42, false);

        assertThat(flat.downstreamNotified()).isNotEmpty();
        assertThat(flat.groupNotifications()).isGreaterThanOrEqualTo(inhibited.groupNotifications());
        assertThat(flat.stats().inhibitedSuppressed()).isZero();
        assertThat(inhibited.stats().inhibitedSuppressed()).isPositive();
    }

    @Test
    void everySeedKeepsTheFigureUnderTwenty() {
        for (long seed = 1; seed <= 3; seed++) {
            NoiseStorm.Result result = NoiseStorm.run(seed, true);
            assertThat(result.notifications()).as("seed %d", seed).isLessThan(20);
            assertThat(result.rootsNotified()).as("seed %d", seed).hasSize(3);
        }
    }
}
