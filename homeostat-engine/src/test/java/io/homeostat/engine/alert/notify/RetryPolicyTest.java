package io.homeostat.engine.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void theDefaultsRideOutAReceiverDownForMinutesNotSeconds() {
        RetryPolicy defaults = RetryPolicy.defaults();
        Duration retrying = Duration.ZERO;
        for (int attempt = 1; attempt < defaults.maxAttempts(); attempt++) {
            retrying = retrying.plus(defaults.backoffAfter(attempt));
        }

        assertThat(defaults.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.backoffAfter(20)).as("at most a minute between attempts").isEqualTo(Duration.ofMinutes(1));
        assertThat(retrying).as("from the first attempt to the last").isBetween(Duration.ofMinutes(4),
                Duration.ofMinutes(5));
    }
}
