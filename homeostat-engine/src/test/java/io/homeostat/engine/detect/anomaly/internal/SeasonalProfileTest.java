package io.homeostat.engine.detect.anomaly.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeasonalProfileTest {

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    /** Feeds {@code days} days of {@code level + amplitude * (hour of day)} once an hour. */
    private static void feed(SeasonalProfile profile, long fromDay, int days, double level, double amplitude) {
        for (long t = fromDay * DAY; t < (fromDay + days) * DAY; t += HOUR) {
            profile.learn(t, level + amplitude * ((t / HOUR) % 24));
        }
    }

    @Test
    void aLevelFarAboveItsSwingKeepsTheSwingsPrecision() {
        SeasonalProfile profile = new SeasonalProfile(DAY, 24, 0.25);
        feed(profile, 0, 3, 1e9, 0.5);

        for (int hour = 0; hour < 24; hour++) {
            assertThat(profile.predict(3 * DAY + hour * HOUR)).isCloseTo(1e9 + 0.5 * hour, within(0.01));
        }
    }

    @Test
    void valuesBeyondHalfPrecisionsRangeAndAShiftedLevelFit() {
        SeasonalProfile profile = new SeasonalProfile(DAY, 24, 0.25);
        feed(profile, 0, 2, 0, 1e-3);
        feed(profile, 2, 30, 5e6, 1000);

        for (int hour = 0; hour < 24; hour++) {
            double expected = 5e6 + 1000 * hour;
            assertThat(profile.predict(32 * DAY + hour * HOUR)).isCloseTo(expected, within(expected * 1e-3));
        }
    }

    @Test
    void predictsNothingBeforeAWholePeriod() {
        SeasonalProfile profile = new SeasonalProfile(DAY, 24, 0.25);
        profile.learn(0, 1);

        assertThat(profile.predict(HOUR)).isNaN();
        assertThat(profile.predict(DAY + HOUR)).isNaN();
        assertThat(profile.predict(DAY)).isEqualTo(1.0);
    }
}
