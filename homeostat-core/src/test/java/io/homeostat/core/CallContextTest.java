package io.homeostat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallContextTest {

    @Test
    void defaultIsInformationalMediumWithoutKey() {
        assertThat(CallContext.DEFAULT.operationType()).isEqualTo(OperationType.INFORMATIONAL);
        assertThat(CallContext.DEFAULT.criticality()).isEqualTo(Criticality.MEDIUM);
        assertThat(CallContext.DEFAULT.hasCacheKey()).isFalse();
        assertThat(CallContext.DEFAULT.cacheKey()).isEmpty();
    }

    @Test
    void withCacheKeyKeepsTypeAndCriticality() {
        CallContext context = CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH).withCacheKey("study-42");

        assertThat(context).isEqualTo(new CallContext(OperationType.DIAGNOSTIC, Criticality.HIGH, "study-42"));
        assertThat(context.hasCacheKey()).isTrue();
    }

    @Test
    void rejectsNullsAndBlankKeys() {
        assertThatThrownBy(() -> CallContext.of(null, Criticality.LOW)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CallContext(OperationType.DIAGNOSTIC, Criticality.LOW, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("empty string");
        assertThatThrownBy(() -> CallContext.DEFAULT.withCacheKey(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
    }

    @Test
    void labelsAreLowerCase() {
        assertThat(OperationType.PRESCRIPTIVE.label()).isEqualTo("prescriptive");
        assertThat(Criticality.LIFE_CRITICAL.label()).isEqualTo("life_critical");
    }
}
