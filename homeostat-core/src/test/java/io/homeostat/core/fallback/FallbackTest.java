package io.homeostat.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FallbackTest {

    private static final IOException PRIMARY_DOWN = new IOException("primary down");
    private static final CallContext INFO = CallContext.DEFAULT.withCacheKey("study-1");

    private final ManualClock clock = ManualClock.create();

    @Test
    void triesTiersInTheOrderAddedAndServesTheFirstThatAnswers() {
        CountingSupplier<String> first = CountingSupplier.throwing(new IOException("b down"));
        CountingSupplier<String> second = CountingSupplier.answering("from c");
        CountingSupplier<String> third = CountingSupplier.answering("from d");
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .alternative("b", first)
                .alternative("c", second)
                .degraded("d", third)
                .build();

        Served<String> served = fallback.serve(INFO, PRIMARY_DOWN);

        assertThat(served.value()).isEqualTo("from c");
        assertThat(served.tier()).isEqualTo("c");
        assertThat(served.kind()).isEqualTo(TierKind.ALTERNATIVE);
        assertThat(served.stale()).isFalse();
        assertThat(served.age()).isZero();
        assertThat(first.calls).hasValue(1);
        assertThat(third.calls).hasValue(0);
        assertThat(fallback.tierNames()).containsExactly("b", "c", "d");
    }

    @Test
    void aThrowingTierMovesOnAndIsNamedInTheWarnings() {
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .alternative("b", () -> { throw new IllegalStateException("b exploded"); })
                .degraded("review", () -> "queued for manual review")
                .build();

        Served<String> served = fallback.serve(INFO, PRIMARY_DOWN);

        assertThat(served.value()).isEqualTo("queued for manual review");
        assertThat(served.warnings()).containsExactly("degraded: review",
                "passed over alternative 'b': FAILED (threw IllegalStateException: b exploded)");
    }

    @Test
    void anIntegrityRejectionMovesToTheNextTier() {
        Fallback<Double> fallback = Fallback.<Double>builder(clock)
                .alternative("low-confidence", () -> 0.4).validatedBy("confidence>0.7", c -> c > 0.7)
                .alternative("high-confidence", () -> 0.9).validatedBy("confidence>0.7", c -> c > 0.7)
                .build();

        Served<Double> served = fallback.serve(INFO, PRIMARY_DOWN);

        assertThat(served.tier()).isEqualTo("high-confidence");
        assertThat(served.warnings()).contains(
                "passed over alternative 'low-confidence': REJECTED (integrity check 'confidence>0.7' rejected the result)");
    }

    @Test
    void aThrowingIntegrityCheckRejects() {
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .alternative("b", () -> "x").validatedBy("boom", v -> { throw new IllegalArgumentException("bad"); })
                .staticValue("canned", "y")
                .build();

        assertThat(fallback.serve(INFO, PRIMARY_DOWN).tier()).isEqualTo("canned");
    }

    @Test
    void servesACachedValueWithinMaxStalenessMarkedStaleWithItsAge() {
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .cached(ResultCache.inMemory(10), Duration.ofMinutes(10))
                .build();
        fallback.onPrimarySuccess(INFO, "analysis v1");
        clock.advance(Duration.ofMinutes(7));

        Served<String> served = fallback.serve(INFO, PRIMARY_DOWN);

        assertThat(served.value()).isEqualTo("analysis v1");
        assertThat(served.kind()).isEqualTo(TierKind.CACHED);
        assertThat(served.tier()).isEqualTo("cache");
        assertThat(served.stale()).isTrue();
        assertThat(served.age()).isEqualTo(Duration.ofMinutes(7));
        assertThat(served.warnings()).containsExactly("served from cache, 7m old (max 10m)");
    }

    @Test
    void servesACachedValueExactlyAtMaxStaleness() {
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .cached(ResultCache.inMemory(10), Duration.ofMinutes(10))
                .build();
        fallback.onPrimarySuccess(INFO, "v");
        clock.advance(Duration.ofMinutes(10));

        assertThat(fallback.serve(INFO, PRIMARY_DOWN).age()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void skipsACachedValueBeyondMaxStalenessWithAReason() {
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .cached(ResultCache.inMemory(10), Duration.ofMinutes(10))
                .degraded("manual-review", () -> "queued for manual review")
                .build();
        fallback.onPrimarySuccess(INFO, "analysis v1");
        clock.advance(Duration.ofMinutes(12).plusSeconds(30));

        Served<String> served = fallback.serve(INFO, PRIMARY_DOWN);

        assertThat(served.tier()).isEqualTo("manual-review");
        assertThat(served.warnings()).contains("passed over cached 'cache': SKIPPED (too stale: 12m30s old, max 10m)");
    }

    @Test
    void aCachedTierSkipsCallsWithoutAKeyOrWithoutAValue() {
        CountingCache<String> cache = new CountingCache<>();
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .cached(cache, Duration.ofMinutes(10))
                .build();
        fallback.onPrimarySuccess(CallContext.DEFAULT, "no key, not stored");

        assertThatThrownBy(() -> fallback.serve(CallContext.DEFAULT, PRIMARY_DOWN))
                .isInstanceOfSatisfying(FallbackFailedException.class, e -> assertThat(e.attempts().get(0).detail())
                        .isEqualTo("the call has no cache key"));
        assertThatThrownBy(() -> fallback.serve(INFO, PRIMARY_DOWN))
                .isInstanceOfSatisfying(FallbackFailedException.class, e -> assertThat(e.attempts().get(0).detail())
                        .isEqualTo("cache miss"));
        assertThat(cache.puts).hasValue(0);
    }

    @Test
    void aFailingCacheNeverFailsTheCallerAndIsCounted() {
        ResultCache<String> broken = new ResultCache<>() {
            @Override
            public java.util.Optional<Cached<String>> get(String key) {
                throw new IllegalStateException("cache down");
            }

            @Override
            public void put(String key, String value, java.time.Instant storedAt) {
                throw new IllegalStateException("cache down");
            }

            @Override
            public int size() {
                return 0;
            }
        };
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .cached(broken, Duration.ofMinutes(1))
                .staticValue("canned", "c")
                .build();

        fallback.onPrimarySuccess(INFO, "v");

        assertThat(fallback.cacheWriteFailures()).isEqualTo(1);
        assertThat(fallback.serve(INFO, PRIMARY_DOWN).tier()).isEqualTo("canned");
    }

    @Test
    void whenNoTierCanServeTheFailureCarriesGuidanceCauseAndAttempts() {
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .name("imaging")
                .alternative("b", () -> { throw new IOException("b down"); })
                .guidance("Imaging analysis unavailable: queue the study for manual review")
                .build();

        assertThatThrownBy(() -> fallback.serve(INFO, PRIMARY_DOWN))
                .isInstanceOfSatisfying(FallbackFailedException.class, e -> {
                    assertThat(e.guidance()).isEqualTo("Imaging analysis unavailable: queue the study for manual review");
                    assertThat(e.getMessage()).contains("'imaging'", "no fallback tier could serve",
                            "alternative 'b': FAILED", "Guidance: Imaging analysis unavailable");
                    assertThat(e.getCause()).isSameAs(PRIMARY_DOWN);
                    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
                    assertThat(e.refusedByPolicy()).isFalse();
                    assertThat(e.guard()).isEqualTo("imaging");
                    assertThat(e.context()).isEqualTo(INFO);
                    assertThat(e.attempts()).extracting(TierAttempt::outcome).containsExactly(TierAttempt.Outcome.FAILED);
                });
    }

    @Test
    void aFallbackWithoutTiersFailsWithItsDefaultGuidance() {
        Fallback<String> fallback = Fallback.<String>builder(clock).build();

        assertThatThrownBy(() -> fallback.serve(CallContext.of(OperationType.ADMINISTRATIVE, Criticality.LOW), PRIMARY_DOWN))
                .isInstanceOfSatisfying(FallbackFailedException.class, e -> {
                    assertThat(e.guidance()).isEqualTo(FallbackBuilder.DEFAULT_GUIDANCE);
                    assertThat(e.category()).isEqualTo(ErrorCategory.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("no tiers configured");
                });
    }

    @Test
    void primaryIsAcceptedByItsCheckOrWhenNoneIsConfigured() {
        Fallback<Double> checked = Fallback.<Double>builder(clock).validatePrimary("confidence>0.7", c -> c > 0.7).build();
        Fallback<Double> unchecked = Fallback.<Double>builder(clock).build();

        assertThat(checked.acceptsPrimary(CallContext.DEFAULT, 0.9)).isTrue();
        assertThat(checked.acceptsPrimary(CallContext.DEFAULT, 0.5)).isFalse();
        assertThat(unchecked.acceptsPrimary(CallContext.DEFAULT, 0.1)).isTrue();
    }

    @Test
    void servedPrimaryIsFreshAndWithoutWarnings() {
        Served<String> served = Served.primary("v");

        assertThat(served.kind()).isEqualTo(TierKind.PRIMARY);
        assertThat(served.tier()).isEqualTo("primary");
        assertThat(served.isFallback()).isFalse();
        assertThat(served.warnings()).isEmpty();
        assertThatThrownBy(() -> new Served<>("v", "alt", TierKind.ALTERNATIVE, true, Duration.ZERO, java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Served<>("v", "alt", TierKind.ALTERNATIVE, false, Duration.ofSeconds(1), java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenerExceptionsAreCaughtAndCounted() {
        Fallback<String> fallback = Fallback.<String>builder(clock)
                .alternative("b", () -> "b")
                .onDecision(d -> { throw new IllegalStateException("listener bug"); })
                .build();

        assertThat(fallback.serve(INFO, PRIMARY_DOWN).value()).isEqualTo("b");
        assertThat(fallback.listenerFailures()).isEqualTo(1);
    }
}
