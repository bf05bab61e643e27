package io.homeostat.store.redis;

import static org.awaitility.Awaitility.await;

import io.homeostat.core.time.Clock;
import io.homeostat.engine.port.Lease;
import io.homeostat.engine.port.contract.LeaseContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The lease contract on the real Redis; time passes for real (the ttl is Redis's). */
class RedisLeaseTest extends LeaseContract {

    private final RedisFixture redis = new RedisFixture();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Override
    protected Lease newReplica() {
        return RedisLease.create(redis.connect(), redis.keyspace(), "planner", ttl(), Clock.system());
    }

    @Override
    protected Duration ttl() {
        return Duration.ofMillis(1000);
    }

    @Override
    protected void letTimePass(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }
}
