package io.homeostat.engine.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

    @Test
    void writesWhatInstantToStringWritesAndReadsItBack() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max + 1), nanos);

            String text = IsoInstant.format(instant);

            assertThat(text).isEqualTo(instant.toString());
            assertThat(IsoInstant.parse(text)).isEqualTo(instant);
        }
    }

    @Test
    void leavesOtherFormsToTheGeneralParser() {
        Instant farFuture = Instant.parse("+12026-01-01T00:00:00Z");
        assertThat(IsoInstant.format(farFuture)).isEqualTo(farFuture.toString());
        assertThat(IsoInstant.parse(farFuture.toString())).isEqualTo(farFuture);
        assertThat(IsoInstant.parse("2026-01-01T00:00:00.5Z")).isEqualTo(Instant.parse("2026-01-01T00:00:00.500Z"));
        assertThat(IsoInstant.parse("2026-01-01T01:00:00+01:00")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void agreesWithInstantParseOnOddAndBadText() {
        for (String odd : new String[] {"2026-01-01T24:00:00Z", "2026-01-01T00:00:00.Z", "2026-01-01T23:59:60Z"}) {
            Instant expected;
            try {
                expected = Instant.parse(odd);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> IsoInstant.parse(odd)).as(odd).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(IsoInstant.parse(odd)).as(odd).isEqualTo(expected);
        }
        for (String bad : new String[] {"2026-02-30T00:00:00Z", "2026-01-01 00:00:00Z", "2026-1-01T00:00:00Z",
                "yesterday", "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:0xZ"}) {
            assertThatThrownBy(() -> IsoInstant.parse(bad)).as(bad).isInstanceOf(DateTimeParseException.class);
        }
    }
}
