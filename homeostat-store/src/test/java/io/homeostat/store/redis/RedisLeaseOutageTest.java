package io.homeostat.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.port.LeaseGrant;
import io.homeostat.engine.port.LeaseUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RedisLeaseOutageTest {

    private final RedisFixture redis = new RedisFixture();
    private final CuttableProxy proxy = CuttableProxy.to(RedisFixture.uri().getHost(), RedisFixture.uri().getPort());

    @AfterEach
    void cleanUp() {
        proxy.close();
        redis.close();
    }

    @Test
    void unreachableRedisIsReportedAndTheHoldingSurvivesAShortCut() {
        RedisLease cutOff = RedisLease.create(redis.connectThrough(proxy), redis.keyspace(), "planner",
                Duration.ofSeconds(30), Clock.system());
        RedisLease direct = RedisLease.create(redis.connect(), redis.keyspace(), "planner", Duration.ofSeconds(30),
                Clock.system());
        LeaseGrant grant = cutOff.tryAcquire("a").orElseThrow();

        proxy.cut();

        assertThatThrownBy(() -> cutOff.validate(grant.token())).isInstanceOf(LeaseUnavailableException.class)
                .hasMessageContaining("planner");
        assertThatThrownBy(() -> cutOff.renew(grant)).isInstanceOf(LeaseUnavailableException.class);
        assertThat(direct.tryAcquire("b")).as("the holding lives on in Redis").isEmpty();

        proxy.restore();

        await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(LeaseUnavailableException.class)
                .until(() -> cutOff.renew(grant).isPresent());
        assertThat(cutOff.validate(grant.token())).isTrue();
    }
}
