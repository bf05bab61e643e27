package io.homeostat.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompositeCheckTest {

    private static HealthCheck returning(HealthStatus status) {
        return () -> HealthResult.of(status, status.name());
    }

    private static Map<String, HealthCheck> members(HealthStatus... statuses) {
        Map<String, HealthCheck> members = new LinkedHashMap<>();
        for (int i = 0; i < statuses.length; i++) {
            members.put("m" + i, returning(statuses[i]));
        }
        return members;
    }

    @Test
    void allHealthyIsHealthy() throws Exception {
        HealthResult result = CompositeCheck.of("group", members(HealthStatus.HEALTHY, HealthStatus.HEALTHY)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(result.details()).containsEntry("unhealthy", "0/2").containsEntry("member.m0", "HEALTHY");
    }

    @Test
    void fewerThanHalfUnhealthyIsDegraded() throws Exception {
        HealthResult result = CompositeCheck.of("integrations", members(
                HealthStatus.UNHEALTHY, HealthStatus.HEALTHY, HealthStatus.HEALTHY, HealthStatus.HEALTHY)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(result.message()).isEqualTo("integrations: 1 of 4 unhealthy [m0]");
    }

    @Test
    void halfUnhealthyIsUnhealthy() throws Exception {
        HealthResult result = CompositeCheck.of("g", members(
                HealthStatus.UNHEALTHY, HealthStatus.HEALTHY, HealthStatus.UNHEALTHY, HealthStatus.HEALTHY)).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    }

    @Test
    void throwingMemberCountsAsUnhealthy() throws Exception {
        Map<String, HealthCheck> members = members(HealthStatus.HEALTHY);
        members.put("broken", () -> {
            throw new IllegalStateException("boom");
        });

        HealthResult result = CompositeCheck.of("g", members).check();

        assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(result.details()).containsEntry("member.broken", "UNHEALTHY");
    }

    @Test
    void onlyDegradedMembersMakeItDegraded() throws Exception {
        assertThat(CompositeCheck.of("g", members(HealthStatus.DEGRADED, HealthStatus.HEALTHY)).check().status())
                .isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void statusFollowsTheHalfRuleForRandomGroups() throws Exception {
        Random random = new Random(42);
        HealthStatus[] all = HealthStatus.values();
        for (int round = 0; round < 300; round++) {
            HealthStatus[] statuses = new HealthStatus[1 + random.nextInt(9)];
            int unhealthy = 0;
            boolean allHealthy = true;
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = all[random.nextInt(all.length)];
                unhealthy += statuses[i] == HealthStatus.UNHEALTHY ? 1 : 0;
                allHealthy &= statuses[i] == HealthStatus.HEALTHY;
            }
            HealthStatus expected = 2 * unhealthy >= statuses.length ? HealthStatus.UNHEALTHY
                    : allHealthy ? HealthStatus.HEALTHY : HealthStatus.DEGRADED;

            assertThat(CompositeCheck.of("g", members(statuses)).check().status())
                    .as("round %d: %d of %d unhealthy", round, unhealthy, statuses.length)
                    .isEqualTo(expected);
        }
    }

    @Test
    void rejectsEmptyGroups() {
        assertThatThrownBy(() -> CompositeCheck.of("g", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g");
    }
}
