package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.fallback.Fallback;
import io.homeostat.core.fallback.FallbackFailedException;
import io.homeostat.core.fallback.ResultCache;
import io.homeostat.core.fallback.Served;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.retry.RetryBudget;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.core.signal.InProcessSignalBus;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The guard and its fallback tiers together, under the default safety policy. */
class GuardFallbackTest {

    private static final CheckedSupplier<String> DOWN = () -> {
        throw new ConnectException("connection refused");
    };

    private final ManualClock clock = ManualClock.create();
    private final InProcessSignalBus bus = InProcessSignalBus.manual();
    private final Guard guard = Guard.builder("xray_analysis").clock(clock).signalBus(bus).build();

    @Test
    void imagingFallsBackToAlternativeThenStaleCacheThenManualReview() {
        ResultCache<String> cache = ResultCache.inMemory(100);
        AtomicBoolean alternativeUp = new AtomicBoolean(true);
        Fallback<String> fallback = Fallback.<String>builder(clock).name("xray_analysis")
                .alternative("backup-model", () -> {
                    if (!alternativeUp.get()) {
                        throw new ConnectException("backup down too");
                    }
                    return "finding from backup";
                })
                .cached(cache, Duration.ofMinutes(10))
                .staticValue("manual-review", "queued for manual review")
                .build();
        CallContext context = CallContext.of(OperationType.INFORMATIONAL, Criticality.HIGH).withCacheKey("study-17");

        assertThat(guard.execute(context, () -> "finding", fallback).kind()).isEqualTo(TierKind.PRIMARY);
        clock.advance(Duration.ofMinutes(7));

        assertThat(guard.execute(context, DOWN, fallback).tier()).isEqualTo("backup-model");
        alternativeUp.set(false);
        Served<String> cached = guard.execute(context, DOWN, fallback);
        assertThat(cached.kind()).isEqualTo(TierKind.CACHED);
        assertThat(cached.value()).isEqualTo("finding");
        assertThat(cached.stale()).isTrue();
        assertThat(cached.age()).isEqualTo(Duration.ofMinutes(7));
        assertThat(cached.warnings()).anySatisfy(w -> assertThat(w).contains("7m old"));

        clock.advance(Duration.ofMinutes(4));
        Served<String> review = guard.execute(context, DOWN, fallback);
        assertThat(review.value()).isEqualTo("queued for manual review");
        assertThat(guard.recorder().total().fallbacks())
                .containsEntry(TierKind.ALTERNATIVE, 1L).containsEntry(TierKind.CACHED, 1L).containsEntry(TierKind.STATIC, 1L);
    }

    @Test
    void prescriptiveCallsNeverGetCachedDataThroughTheGuard() {
        AtomicInteger cacheReads = new AtomicInteger();
        ResultCache<String> cache = countingCache(cacheReads);
        Fallback<String> fallback = Fallback.<String>builder(clock).cached(cache, Duration.ofHours(1))
                .staticValue("explicit", "interaction check unavailable").build();
        CallContext prescriptive = CallContext.of(OperationType.PRESCRIPTIVE, Criticality.HIGH).withCacheKey("rx-1");
        guard.call(prescriptive, () -> "no interactions", fallback);

        Served<String> served = guard.execute(prescriptive, DOWN, fallback);

        assertThat(served.value()).isEqualTo("interaction check unavailable");
        assertThat(cacheReads).hasValue(0);
    }

    @Test
    void lifeCriticalCallsFailExplicitlyWithGuidanceAndNoTierRuns() {
        AtomicInteger tierCalls = new AtomicInteger();
        Fallback<String> fallback = Fallback.<String>builder(clock).name("pharmaguard")
                .alternative("other-checker", () -> {
                    tierCalls.incrementAndGet();
                    return "maybe";
                })
                .staticValue("static", "no interactions")
                .guidance("Drug-interaction check unavailable: do not prescribe without a pharmacist's manual check")
                .build();
        CallContext lifeCritical = CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LIFE_CRITICAL);

        assertThatThrownBy(() -> guard.call(lifeCritical, DOWN, fallback))
                .isInstanceOfSatisfying(FallbackFailedException.class, e -> {
                    assertThat(e.guidance()).contains("pharmacist");
                    assertThat(e.category()).isEqualTo(ErrorCategory.REJECTED);
                    assertThat(e).hasCauseInstanceOf(ConnectException.class);
                });
        assertThat(tierCalls).hasValue(0);
    }

    @Test
    void aPrimaryResultFailingItsIntegrityCheckIsReplacedByTheNextTier() {
        Fallback<Double> fallback = Fallback.<Double>builder(clock)
                .validatePrimary("confidence > 0.7", confidence -> confidence > 0.7)
                .alternative("second-opinion", () -> 0.9).validatedBy("confidence > 0.7", c -> c > 0.7)
                .build();
        Guard diagnosis = Guard.builder("llm:openai").clock(clock).build();
        CallContext diagnostic = CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH);

        Served<Double> served = diagnosis.execute(diagnostic, () -> 0.4, fallback);

        assertThat(served.value()).isEqualTo(0.9);
        assertThat(served.tier()).isEqualTo("second-opinion");
        assertThat(diagnosis.snapshot().failuresByCategory()).containsEntry(ErrorCategory.UNKNOWN, 1L);
    }

    @Test
    void aResultStillRefusedAfterRetriesMustPassTheIntegrityCheckToBeServed() {
        Fallback<Double> fallback = Fallback.<Double>builder(clock)
                .validatePrimary("confidence > 0.7", confidence -> confidence > 0.7)
                .staticValue("manual-review", 1.0).validatedBy("queued", c -> true)
                .build();
        Guard diagnosis = Guard.builder("llm:openai").clock(clock)
                .retry(Retry.builder().maxAttempts(3).budget(RetryBudget.unlimited())
                        .retryOnResult(confidence -> (Double) confidence < 0.7).build())
                .build();
        AtomicInteger attempts = new AtomicInteger();

        Served<Double> served = diagnosis.execute(CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH), () -> {
            attempts.incrementAndGet();
            return 0.1;
        }, fallback);

        assertThat(attempts).hasValue(3);
        assertThat(served.tier()).isEqualTo("manual-review");
        assertThatThrownBy(() -> diagnosis.execute(CallContext.of(OperationType.DIAGNOSTIC, Criticality.LIFE_CRITICAL),
                () -> 0.1, fallback))
                .as("life-critical: the refused result is not served, the call fails with guidance")
                .isInstanceOf(FallbackFailedException.class);
    }

    @Test
    void aResultStillRefusedAfterRetriesIsReturnedWhenTheIntegrityCheckTakesIt() {
        Fallback<Double> fallback = Fallback.<Double>builder(clock)
                .validatePrimary("confidence > 0.3", confidence -> confidence > 0.3)
                .staticValue("manual-review", 1.0).build();
        Guard diagnosis = Guard.builder("llm:openai").clock(clock)
                .retry(Retry.builder().maxAttempts(2).budget(RetryBudget.unlimited())
                        .retryOnResult(confidence -> (Double) confidence < 0.7).build())
                .build();

        Served<Double> served = diagnosis.execute(CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH), () -> 0.5,
                fallback);

        assertThat(served.kind()).isEqualTo(TierKind.PRIMARY);
        assertThat(served.value()).isEqualTo(0.5);
    }

    @Test
    void publishesAFailureEventPerAttemptAndOneOutcomePerCall() {
        Guard retrying = Guard.builder("care_locator").clock(clock).signalBus(bus)
                .retry(Retry.builder().maxAttempts(3).budget(RetryBudget.unlimited()).build()).build();
        Fallback<String> fallback = Fallback.<String>builder(clock).staticValue("later", "try again later").build();
        List<Signal> received = new ArrayList<>();
        bus.subscribe(received::addAll);

        retrying.call(CallContext.DEFAULT, DOWN, fallback);
        bus.drain();

        assertThat(received).filteredOn(FailureEvent.class::isInstance).hasSize(3)
                .allSatisfy(s -> assertThat(((FailureEvent) s).category()).isEqualTo(ErrorCategory.CONNECTION_REFUSED));
        assertThat(received).filteredOn(OperationOutcome.class::isInstance).singleElement()
                .satisfies(s -> {
                    OperationOutcome outcome = (OperationOutcome) s;
                    assertThat(outcome.status()).isEqualTo(OperationOutcome.Status.FALLBACK);
                    assertThat(outcome.fallbackTier()).isEqualTo("later");
                    assertThat(outcome.latencyNanos()).isPositive();
                });
    }

    @Test
    void anOpenCircuitIsAnsweredByTheFallbackWithoutCallingTheDependency() {
        CircuitBreaker breaker = CircuitBreaker.builder("care_locator").clock(clock).build();
        breaker.forceOpen("maintenance");
        Guard guarded = Guard.builder("care_locator").clock(clock).circuitBreaker(breaker).build();
        Fallback<String> fallback = Fallback.<String>builder(clock).staticValue("later", "try again later").build();
        AtomicInteger calls = new AtomicInteger();

        String answer = guarded.call(CallContext.DEFAULT, () -> {
            calls.incrementAndGet();
            return "live";
        }, fallback);

        assertThat(answer).isEqualTo("try again later");
        assertThat(calls).hasValue(0);
        assertThat(guarded.snapshot().rejected()).isEqualTo(1);
    }

    private static ResultCache<String> countingCache(AtomicInteger reads) {
        ResultCache<String> delegate = ResultCache.inMemory(10);
        return new ResultCache<>() {
            @Override
            public java.util.Optional<Cached<String>> get(String key) {
                reads.incrementAndGet();
                return delegate.get(key);
            }

            @Override
            public void put(String key, String value, java.time.Instant storedAt) {
                delegate.put(key, value, storedAt);
            }

            @Override
            public int size() {
                return delegate.size();
            }
        };
    }

    @Test
    void aDiagnosticCallWhoseResultCannotBeCheckedIsNotMadeNorCountedAgainstItsDependency() {
        AtomicInteger calls = new AtomicInteger();
        Fallback<String> noCheck = Fallback.<String>builder(clock).name("imaging")
                .staticValue("manual", "queued for a radiologist").build();
        CallContext diagnostic = CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH);
        List<Signal> received = new ArrayList<>();
        bus.subscribe(received::addAll);

        assertThatThrownBy(() -> guard.execute(diagnostic, () -> "finding-" + calls.incrementAndGet(), noCheck))
                .isInstanceOf(FallbackFailedException.class)
                .hasMessageContaining("was not called: the safety policy requires an integrity check of its result")
                .hasMessageContaining("FallbackBuilder.validatePrimary")
                .hasCauseInstanceOf(ResultRejectedException.class);

        assertThat(calls).as("its result could not be used: the call has no business running").hasValue(0);
        assertThat(guard.snapshot().attempts()).isZero();
        assertThat(guard.snapshot().failuresByCategory()).isEmpty();
        bus.drain();
        assertThat(received).singleElement().isInstanceOfSatisfying(OperationOutcome.class,
                o -> assertThat(o.status()).as("refused by policy, not a failing dependency")
                        .isEqualTo(OperationOutcome.Status.REJECTED));

        Fallback<String> checked = Fallback.<String>builder(clock).name("imaging")
                .validatePrimary("non-empty", r -> !r.isEmpty())
                .staticValue("manual", "queued for a radiologist").build();
        assertThat(guard.execute(diagnostic, () -> "finding-" + calls.incrementAndGet(), checked).value())
                .isEqualTo("finding-1");
    }

    @Test
    void nullArgumentsAreRefusedBeforeTheCallRuns() {
        AtomicInteger calls = new AtomicInteger();
        CheckedSupplier<String> counted = () -> "x" + calls.incrementAndGet();
        Fallback<String> fallback = Fallback.<String>builder(clock).staticValue("s", "static").build();

        assertThatThrownBy(() -> guard.execute(null, counted, fallback))
                .isInstanceOf(NullPointerException.class).hasMessage("context");
        assertThatThrownBy(() -> guard.call(null, counted, fallback))
                .isInstanceOf(NullPointerException.class).hasMessage("context");
        assertThatThrownBy(() -> guard.executeAsync(null, counted, fallback))
                .isInstanceOf(NullPointerException.class).hasMessage("context");
        assertThatThrownBy(() -> guard.execute(CallContext.DEFAULT, null, fallback))
                .isInstanceOf(NullPointerException.class).hasMessage("call");
        assertThatThrownBy(() -> guard.call((CheckedSupplier<String>) null))
                .isInstanceOf(NullPointerException.class).hasMessage("call");
        assertThatThrownBy(() -> guard.callAsync(null))
                .isInstanceOf(NullPointerException.class).hasMessage("call");

        assertThat(calls).hasValue(0);
        assertThat(guard.snapshot().attempts()).as("nothing recorded against the dependency").isZero();
        assertThat(bus.drain()).as("no signal published").isZero();
    }

    @Test
    void aFallbackThatCannotServeSaysWhyThePrimaryGaveUp() {
        Fallback<String> none = Fallback.<String>builder(clock).name("drug-check")
                .guidance("do not prescribe without a pharmacist's check").build();
        CallContext rx = CallContext.of(OperationType.PRESCRIPTIVE, Criticality.HIGH);

        assertThatThrownBy(() -> guard.execute(rx, DOWN, none))
                .isInstanceOf(FallbackFailedException.class)
                .hasMessageContaining("after: java.net.ConnectException: connection refused")
                .hasMessageContaining("Guidance: do not prescribe without a pharmacist's check");
    }
}
