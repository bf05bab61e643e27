package io.homeostat.demo.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.fallback.Served;
import io.homeostat.core.fallback.TierKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The application's own check of what was served, which the report counts as safety violations. */
class SafetyCheckTest {

    private static Served<String> served(TierKind kind, Duration age) {
        return new Served<>("x", kind == TierKind.PRIMARY ? Served.PRIMARY_TIER : "tier", kind, kind == TierKind.CACHED, age,
                List.of());
    }

    @Test
    void anyFallbackForALifeCriticalCallAndCachedDataForAPrescriptiveOneAreViolations() {
        CallContext pharma = CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LIFE_CRITICAL);
        assertThat(TriageApp.violates(pharma, Served.primary("ok"))).isFalse();
        assertThat(TriageApp.violates(pharma, served(TierKind.DEGRADED, Duration.ZERO))).isTrue();
        assertThat(TriageApp.violates(CallContext.of(OperationType.PRESCRIPTIVE, Criticality.HIGH),
                served(TierKind.CACHED, Duration.ofSeconds(1)))).isTrue();
    }

    @Test
    void aDiagnosticCacheOlderThanTenMinutesIsAViolationAnInformationalOneIsNot() {
        CallContext xray = CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH);
        assertThat(TriageApp.violates(xray, served(TierKind.CACHED, Duration.ofMinutes(9)))).isFalse();
        assertThat(TriageApp.violates(xray, served(TierKind.CACHED, Duration.ofMinutes(11)))).isTrue();
        assertThat(TriageApp.violates(CallContext.of(OperationType.INFORMATIONAL, Criticality.LOW),
                served(TierKind.CACHED, Duration.ofMinutes(50)))).isFalse();
    }
}
