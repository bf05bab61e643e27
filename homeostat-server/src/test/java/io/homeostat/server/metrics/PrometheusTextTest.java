package io.homeostat.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void writesEachFamilyOnceWithItsSamplesTogether() {
        PrometheusText text = new PrometheusText()
                .counter("x_total", "Things", 3, "kind", "a")
                .gauge("y", "Level", 0.25)
                .counter("x_total", "Things", 4, "kind", "b");
        assertThat(text.toString()).isEqualTo("""
                # HELP x_total Things
                # TYPE x_total counter
                x_total{kind="a"} 3
                x_total{kind="b"} 4
                # HELP y Level
                # TYPE y gauge
                y 0.25
                """);
    }

    @Test
    void escapesLabelValuesAndWritesSpecialNumbers() {
        String text = new PrometheusText()
                .gauge("g", "G", Double.NaN, "name", "a\"b\\c\nd")
                .gauge("g", "G", Double.POSITIVE_INFINITY, "name", "inf")
                .gauge("g", "G", 1e20, "name", "big")
                .toString();
        assertThat(text).contains("g{name=\"a\\\"b\\\\c\\nd\"} NaN\n", "g{name=\"inf\"} +Inf\n", "g{name=\"big\"} 1.0E20\n");
    }

    @Test
    void refusesAFamilyDeclaredTwiceWithAnotherType() {
        PrometheusText text = new PrometheusText().counter("z_total", "Z", 1);
        assertThatThrownBy(() -> text.gauge("z_total", "Z", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("z_total");
        assertThatThrownBy(() -> text.gauge("w", "W", 1, "odd")).isInstanceOf(IllegalArgumentException.class);
    }
}
