package io.homeostat.engine.loop;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.time.ManualClock;
import java.time.Instant;
import java.util.List;

/**
 * What the loop tests of a failing AI provider share: a manual clock and bus, guards whose
 * {@code llm} config opens a breaker after three failures in a row, and the route from
 * {@code llm:openai} to {@code llm:anthropic}.
 */
final class LlmProviders {

    final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    final InProcessSignalBus bus = InProcessSignalBus.manual();
    final GuardRegistry guards = GuardRegistry.builder().clock(clock).signalBus(bus)
            .config("llm", GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(3)).build())
            .build();
    final ProviderRoute llm = ProviderRoute.of("llm", List.of("llm:openai", "llm:anthropic"));
}
