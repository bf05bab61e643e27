package io.homeostat.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.CallContext;
import io.homeostat.core.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FallbackBuilderTest {

    private final ManualClock clock = ManualClock.create();

    @Test
    void validatedByNeedsATierBeforeIt() {
        assertThatThrownBy(() -> Fallback.<String>builder(clock).validatedBy("c", v -> true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no tier added yet");
    }

    @Test
    void aTierHasAtMostOneCheckAndThePrimaryToo() {
        assertThatThrownBy(() -> Fallback.<String>builder(clock).alternative("b", () -> "b")
                .validatedBy("one", v -> true).validatedBy("two", v -> true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tier 'b' already has integrity check 'one'");
        assertThatThrownBy(() -> Fallback.<String>builder(clock)
                .validatePrimary("one", v -> true).validatePrimary("two", v -> true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has integrity check 'one'");
    }

    @Test
    void tierNamesAreUniqueAndPrimaryIsReserved() {
        assertThatThrownBy(() -> Fallback.<String>builder(clock).alternative("b", () -> "1").degraded("b", () -> "2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a tier named 'b' was already added");
        assertThatThrownBy(() -> Fallback.<String>builder(clock).staticValue("primary", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> Fallback.<String>builder(clock).alternative(" ", () -> "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
    }

    @Test
    void atMostOneCachedTierWithAPositiveMaxStaleness() {
        ResultCache<String> cache = ResultCache.inMemory(1);
        assertThatThrownBy(() -> Fallback.<String>builder(clock).cached(cache, Duration.ofMinutes(1)).cached(cache, Duration.ofMinutes(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at most one cached tier");
        assertThatThrownBy(() -> Fallback.<String>builder(clock).cached(cache, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxStaleness must be positive");
    }

    @Test
    void rejectsNullsAndBlankText() {
        assertThatThrownBy(() -> Fallback.<String>builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Fallback.<String>builder(clock).staticValue("s", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Fallback.<String>builder(clock).alternative("b", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Fallback.<String>builder(clock).guidance("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fallback.<String>builder(clock).safetyPolicy(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Fallback.<String>builder(clock).onDecision(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Fallback.<String>builder(clock).build().serve(CallContext.DEFAULT, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void buildingTwiceGivesIndependentFallbacksWithTheirOwnDefaultPolicy() {
        FallbackBuilder<String> builder = Fallback.<String>builder(clock).name("g").alternative("b", () -> "b");

        Fallback<String> first = builder.build();
        Fallback<String> second = builder.staticValue("s", "s").build();

        assertThat(first.tierNames()).containsExactly("b");
        assertThat(second.tierNames()).containsExactly("b", "s");
        assertThat(first.policy()).isNotSameAs(second.policy());
        assertThat(first.name()).isEqualTo("g");
        assertThat(first.policy().rules()).hasSize(3);
    }
}
