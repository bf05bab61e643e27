package io.homeostat.demo.triage;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.SlidingWindowType;
import java.time.Duration;
import java.util.Set;

/**
 * The guard settings of the triage system's dependencies: a timeout below the users' patience (and
 * above what a loaded two-core machine adds to a loopback call: 1 s for the clinical upstreams, whose
 * answers are lookups; it is also the earliest a hung upstream can be seen, so the latency spike's
 * detection follows it; 2 s for the AI providers, which generate) and
 * a breaker that opens at half of the last 20 calls failing (10 at least) and probes again after
 * 3 s; the database answers faster, so its timeout is shorter. Stateless.
 */
public final class GuardSettings {

    private GuardSettings() {
    }

    /** The config of the guard around {@code service} (one of {@link TriageSystem#services()}). */
    public static GuardConfig of(String service) {
        Duration timeout = service.startsWith("db:") ? Duration.ofMillis(500)
                : service.startsWith("llm:") ? Duration.ofMillis(2000) : Duration.ofMillis(1000);
        return GuardConfig.builder().timeout(timeout).circuitBreaker(CircuitBreakerConfig.builder()
                .failureRateThreshold(50).minimumNumberOfCalls(10).slidingWindow(SlidingWindowType.COUNT_BASED, 20)
                .resetTimeout(Duration.ofSeconds(3)).build()).build();
    }

    static void apply(GuardRegistry guards, Set<String> services) {
        for (String service : services) {
            guards.replace(service, of(service));
        }
    }
}
