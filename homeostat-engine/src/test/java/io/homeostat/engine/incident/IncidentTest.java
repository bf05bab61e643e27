package io.homeostat.engine.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.detect.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static IncidentBuilder valid() {
        return Incident.builder().id("i-1").fingerprint("a|errors|rate").title("errors on a").addService("a")
                .severity(Severity.HIGH).openedAt(T0);
    }

    @Test
    void defaultsToOpenNotFlappingUpdatedWhenOpenedAndItsOwnFingerprint() {
        Incident incident = valid().build();

        assertThat(incident.status()).isEqualTo(IncidentStatus.OPEN);
        assertThat(incident.flapping()).isFalse();
        assertThat(incident.updatedAt()).isEqualTo(T0);
        assertThat(incident.fingerprints()).containsExactly("a|errors|rate");
        assertThat(incident.resolvedAt()).isEmpty();
        assertThat(incident.active()).isTrue();
    }

    @Test
    void toBuilderRoundTripsAndEqualityIgnoresSetOrder() {
        Incident incident = valid().services(List.of("a", "b")).addFingerprint("b|x|y").build();
        Incident reordered = incident.toBuilder().services(List.of("b", "a")).build();

        assertThat(incident.toBuilder().build()).isEqualTo(incident).hasSameHashCodeAs(incident);
        assertThat(reordered).isEqualTo(incident);
        assertThat(incident.toBuilder().detectionCount(2).build()).isNotEqualTo(incident);
    }

    @Test
    void resolutionTimeGoesWithTheResolvedStatusOnly() {
        assertThatThrownBy(() -> valid().status(IncidentStatus.RESOLVED).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolvedAt");
        assertThatThrownBy(() -> valid().resolvedAt(T0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resolvedAt");
        Incident resolved = valid().status(IncidentStatus.RESOLVED).resolvedAt(T0.plusSeconds(1)).build();
        assertThat(resolved.resolvedAt()).contains(T0.plusSeconds(1));
        assertThat(resolved.active()).isFalse();
    }

    @Test
    void rejectsMissingServicesBlankNamesNegativeCountsAndTimeTravel() {
        assertThatThrownBy(() -> valid().services(List.of()).build()).hasMessageContaining("service");
        assertThatThrownBy(() -> valid().id(" ").build()).hasMessageContaining("id");
        assertThatThrownBy(() -> valid().detectionCount(-1).build()).hasMessageContaining("detectionCount");
        assertThatThrownBy(() -> valid().updatedAt(T0.minusMillis(1)).build()).hasMessageContaining("updatedAt");
        assertThatThrownBy(() -> valid().severity(null).build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void lifecycleAllowsOnlyTheDocumentedMoves() {
        assertThat(IncidentStatus.OPEN.successors()).containsExactlyInAnyOrder(
                IncidentStatus.DIAGNOSED, IncidentStatus.ESCALATED, IncidentStatus.RESOLVED);
        assertThat(IncidentStatus.DIAGNOSED.canMoveTo(IncidentStatus.REMEDIATING)).isTrue();
        assertThat(IncidentStatus.OPEN.canMoveTo(IncidentStatus.REMEDIATING)).isFalse();
        assertThat(IncidentStatus.REMEDIATING.canMoveTo(IncidentStatus.DIAGNOSED)).isTrue();
        assertThat(IncidentStatus.ESCALATED.canMoveTo(IncidentStatus.DIAGNOSED)).isFalse();
        assertThat(IncidentStatus.RESOLVED.successors()).isEmpty();
        for (IncidentStatus status : IncidentStatus.values()) {
            assertThat(status.canMoveTo(status)).as(status.name()).isFalse();
        }
    }
}
