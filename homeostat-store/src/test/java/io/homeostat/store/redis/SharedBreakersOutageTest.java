package io.homeostat.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitState;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redis is cut away from one instance (through a proxy); the shared server keeps running. */
class SharedBreakersOutageTest extends SharedBreakersFixture {

    private final CuttableProxy proxy = CuttableProxy.to(RedisFixture.uri().getHost(), RedisFixture.uri().getPort());

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void breakerKeepsWorkingLocallyAndItsTripIsSharedWhenRedisReturns() {
        SharedBreakers cutOff = instance(redis.connectThrough(proxy));
        SharedBreakers other = instance(redis.connect());
        CircuitBreaker a = cutOff.register(db());
        CircuitBreaker b = other.register(db());
        long before = other.version("db").orElseThrow();

        proxy.cut();
        fail(a, 10);

        assertThat(a.state()).as("tripped on local state").isEqualTo(CircuitState.OPEN);
        assertThat(a.tryAcquirePermission(clock.monotonicNanos())).isFalse();
        assertThat(cutOff.sync()).isFalse();
        assertThat(cutOff.reachable()).isFalse();
        assertThat(cutOff.syncFailures()).isPositive();
        assertThat(other.sync()).isTrue();
        assertThat(b.state()).isEqualTo(CircuitState.CLOSED);

        proxy.restore();
        await().atMost(Duration.ofSeconds(20)).until(cutOff::sync);
        other.sync();

        assertThat(cutOff.reachable()).isTrue();
        assertThat(b.state()).as("the trip made while cut off reached the other instance").isEqualTo(CircuitState.OPEN);
        assertThat(other.version("db")).hasValueSatisfying(v -> assertThat(v).isGreaterThan(before));
        assertThat(cutOff.conflicts()).isZero();
    }

    @Test
    void aChangeMadeElsewhereDuringTheCutWinsOverTheLocalOne() {
        SharedBreakers cutOff = instance(redis.connectThrough(proxy));
        SharedBreakers other = instance(redis.connect());
        CircuitBreaker a = cutOff.register(db());
        CircuitBreaker b = other.register(db());

        proxy.cut();
        fail(a, 10);
        b.forceOpen("operator isolates db");
        assertThat(other.sync()).isTrue();
        assertThat(a.state()).isEqualTo(CircuitState.OPEN);

        proxy.restore();
        await().atMost(Duration.ofSeconds(20)).until(cutOff::sync);

        assertThat(a.state()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(cutOff.conflicts()).isEqualTo(1);
        assertThat(cutOff.version("db")).isEqualTo(other.version("db"));
    }
}
