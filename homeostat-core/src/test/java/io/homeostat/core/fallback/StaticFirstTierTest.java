package io.homeostat.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.Guard;
import io.homeostat.core.OperationType;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.safety.SafetyDecision;
import io.homeostat.core.safety.SafetyPolicy;
import io.homeostat.core.time.ManualClock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fast path of a fallback whose first tier is a static value without a check. */
class StaticFirstTierTest {

    private static final IOException DOWN = new IOException("down");

    private final ManualClock clock = ManualClock.create();

    @Test
    void servesTheSameResultAsTheFullPathAndCountsTheDecision() {
        Fallback<String> fast = Fallback.<String>builder(clock).staticValue("default", "n/a").build();
        List<SafetyDecision> heard = new ArrayList<>();
        Fallback<String> full = Fallback.<String>builder(clock).staticValue("default", "n/a").onDecision(heard::add).build();

        Served<String> served = fast.serve(CallContext.DEFAULT, DOWN);

        assertThat(served).isEqualTo(full.serve(CallContext.DEFAULT, DOWN));
        assertThat(served.warnings()).containsExactly("static response: default");
        assertThat(fast.serve(CallContext.DEFAULT, DOWN)).isSameAs(served);
        assertThat(fast.policy().decisions().get(SafetyPolicy.NO_RULE).allowed()).isEqualTo(2);
        assertThat(heard).hasSize(1); // with a listener, every decision still reaches it
        assertThat(heard.getFirst().allowed()).isTrue();
    }

    @Test
    void callsARuleCoversTakeTheFullPath() {
        Fallback<String> fallback = Fallback.<String>builder(clock).staticValue("default", "n/a").build();

        CallContext lifeCritical = CallContext.of(OperationType.INFORMATIONAL, Criticality.LIFE_CRITICAL);
        assertThatThrownBy(() -> fallback.serve(lifeCritical, DOWN)).isInstanceOf(FallbackFailedException.class);
        CallContext diagnostic = CallContext.of(OperationType.DIAGNOSTIC, Criticality.MEDIUM);
        assertThatThrownBy(() -> fallback.serve(diagnostic, DOWN)).isInstanceOf(FallbackFailedException.class);

        assertThat(fallback.policy().decisions().get(SafetyPolicy.LIFE_CRITICAL_NO_FALLBACK.name()).denied()).isEqualTo(1);
        assertThat(fallback.policy().decisions().get(SafetyPolicy.DIAGNOSTIC_INTEGRITY_CHECK.name()).denied()).isEqualTo(1);
        assertThat(fallback.policy().decisions().get(SafetyPolicy.NO_RULE).allowed()).isZero();
    }

    @Test
    void aCheckedStaticTierOrOneAfterAnotherTierIsNotShortCut() {
        Fallback<String> checked = Fallback.<String>builder(clock).staticValue("default", "n/a")
                .validatedBy("never", v -> false).build();
        Fallback<String> second = Fallback.<String>builder(clock).degraded("review", () -> "queued")
                .staticValue("default", "n/a").build();

        assertThatThrownBy(() -> checked.serve(CallContext.DEFAULT, DOWN)).isInstanceOf(FallbackFailedException.class);
        assertThat(second.serve(CallContext.DEFAULT, DOWN).value()).isEqualTo("queued");
    }

    @Test
    void anOpenGuardAnsweredByAStaticValueAllocatesNothingPerCall() {
        CircuitBreaker breaker = CircuitBreaker.builder("dep").clock(clock).build();
        breaker.forceOpen("test");
        Guard guard = Guard.builder("dep").clock(clock).circuitBreaker(breaker).build();
        Fallback<Integer> fallback = Fallback.<Integer>builder(clock).staticValue("default", -1).build();
        for (int i = 0; i < 20_000; i++) {
            guard.call(CallContext.DEFAULT, () -> 42, fallback); // warm up
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();

        long sum = 0;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            sum += guard.call(CallContext.DEFAULT, () -> 42, fallback);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(sum).isEqualTo(-100_000);
        assertThat(allocated / 100_000.0).isLessThan(1.0);
    }
}
