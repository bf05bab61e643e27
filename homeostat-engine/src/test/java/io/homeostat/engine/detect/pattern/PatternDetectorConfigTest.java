package io.homeostat.engine.detect.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatternDetectorConfigTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        PatternDetectorConfig config = PatternDetectorConfig.ofDefaults();

        assertThat(config.episodeGap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.window()).isEqualTo(Duration.ofHours(24));
        assertThat(config.minOccurrences()).isEqualTo(3);
        assertThat(config.coOccurrenceInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.temporalLookback()).isEqualTo(Duration.ofDays(14));
        assertThat(config.temporalTolerance()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.minDays()).isEqualTo(3);
        assertThat(config.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(config.maxSignatures()).isEqualTo(1000);
    }

    @Test
    void rejectsValuesInsteadOfClamping() {
        assertThatThrownBy(() -> PatternDetectorConfig.builder().episodeGap(Duration.ZERO).build())
                .hasMessageContaining("episodeGap");
        assertThatThrownBy(() -> PatternDetectorConfig.builder().episodeGap(Duration.ofDays(1)).build())
                .hasMessageContaining("shorter than window");
        assertThatThrownBy(() -> PatternDetectorConfig.builder().minOccurrences(1).build())
                .hasMessageContaining("minOccurrences");
        assertThatThrownBy(() -> PatternDetectorConfig.builder().minDays(1).build()).hasMessageContaining("minDays");
        assertThatThrownBy(() -> PatternDetectorConfig.builder().temporalTolerance(Duration.ofHours(4)).build())
                .hasMessageContaining("temporalTolerance");
        assertThatThrownBy(() -> PatternDetectorConfig.builder().temporalLookback(Duration.ofDays(2)).build())
                .hasMessageContaining("temporalLookback");
        assertThatThrownBy(() -> PatternDetectorConfig.builder().maxSignatures(0).build())
                .hasMessageContaining("maxSignatures");
        assertThatThrownBy(() -> PatternDetectorConfig.builder().zone(null).build())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void patternValidatesItsFieldsAndSortsItsServices() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Pattern pattern = new Pattern("s", PatternKind.CO_OCCURRENCE, Set.of("b", "a"), "", "", "", 2, t, t, 1);
        assertThat(pattern.services()).containsExactly("a", "b");
        assertThat(pattern.frequencyPerDay()).isEqualTo(48.0);

        assertThatThrownBy(() -> new Pattern("s", PatternKind.RECURRING, Set.of(), "", "", "", 1, t, t, 0.5))
                .hasMessageContaining("service");
        assertThatThrownBy(() -> new Pattern("s", PatternKind.RECURRING, Set.of("a"), "", "", "", 0, t, t, 0.5))
                .hasMessageContaining("occurrences");
        assertThatThrownBy(() -> new Pattern("s", PatternKind.RECURRING, Set.of("a"), "", "", "", 1, t, t.minusMillis(1), 0.5))
                .hasMessageContaining("lastSeen");
        assertThatThrownBy(() -> new Pattern("s", PatternKind.RECURRING, Set.of("a"), "", "", "", 1, t, t, 1.5))
                .hasMessageContaining("confidence");
    }
}
