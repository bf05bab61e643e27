package io.homeostat.core.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.GuardConfig;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.degrade.Degradation;
import io.homeostat.core.degrade.DegradationLevel;
import io.homeostat.core.degrade.FeatureToggles;
import io.homeostat.core.time.ManualClock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalKernelControlTest {

    private final ManualClock clock = ManualClock.create();
    private final GuardRegistry registry = GuardRegistry.builder().clock(clock)
            .config("llm", GuardConfig.builder().circuitBreaker(CircuitBreakerConfig.consecutiveFailures(2)).build())
            .build();
    private final Degradation degradation = Degradation.create(clock);
    private final FeatureToggles toggles = FeatureToggles.create(degradation, clock)
            .register("recommendations", DegradationLevel.REDUCED);

    @Test
    void opensAndResetsAGuardsCircuitAndReportsTheStateBefore() {
        registry.guard("llm:openai");
        KernelControl control = KernelControl.builder().guards(registry).build();

        assertThat(control.openCircuit("llm:openai", "test")).isEqualTo(CircuitState.CLOSED);
        assertThat(control.circuitState("llm:openai")).contains(CircuitState.FORCED_OPEN);
        assertThat(control.resetCircuit("llm:openai", "test")).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(control.circuitState("llm:openai")).contains(CircuitState.CLOSED);
        assertThat(control.circuitState("nobody")).isEmpty();
        assertThatThrownBy(() -> control.openCircuit("nobody", "test")).isInstanceOf(UnknownControlTargetException.class);
    }

    @Test
    void routeFailsOverInOrderAndStopsAtTheLast() {
        ProviderRoute route = ProviderRoute.of("llm", List.of("llm:openai", "llm:anthropic"));
        KernelControl control = KernelControl.builder().route(route).build();

        assertThat(control.route("llm").orElseThrow().advance()).contains("llm:anthropic");
        assertThat(route.current()).isEqualTo("llm:anthropic");
        assertThat(route.advance()).isEmpty();
        route.select("llm:openai");
        assertThat(route.current()).isEqualTo("llm:openai");
        assertThatThrownBy(() -> route.select("llm:other")).isInstanceOf(UnknownControlTargetException.class);
        assertThatThrownBy(() -> ProviderRoute.of("x", List.of("a", "a"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setsDegradationAndFeaturesReturningWhatWasThere() {
        KernelControl control = KernelControl.builder().degradation(degradation).toggles(toggles).build();

        assertThat(control.setDegradation(DegradationLevel.ESSENTIAL, "test")).isEqualTo(DegradationLevel.FULL);
        assertThat(control.featureEnabled("recommendations")).isFalse();
        assertThat(control.setFeature("recommendations", true, "test")).isEmpty();
        assertThat(control.featureEnabled("recommendations")).isTrue();
        assertThat(control.setFeature("recommendations", false, "test")).contains(true);
        control.clearFeature("recommendations", "test");
        assertThat(control.featureEnabled("recommendations")).isFalse();
        assertThatThrownBy(() -> control.setFeature("nope", true, "t")).isInstanceOf(UnknownControlTargetException.class);
    }

    @Test
    void probesAndCachesByName() {
        AtomicInteger entries = new AtomicInteger(5);
        KernelControl control = KernelControl.builder().probe("db", () -> true)
                .cache("answers", () -> entries.getAndSet(0)).build();

        assertThat(control.probe("db")).isTrue();
        assertThat(control.cache("answers").orElseThrow().clear()).isEqualTo(5);
        assertThat(entries).hasValue(0);
        assertThatThrownBy(() -> control.probe("nope")).isInstanceOf(UnknownControlTargetException.class);
    }
}
