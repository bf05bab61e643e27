package io.homeostat.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NabLabelsTest {

    @Test
    void readsWindowsPerKeyAndDropsTheFraction() {
        String json = """
                {
                    "a/x.csv": [
                        ["2014-01-01 00:00:00.000000", "2014-01-02 00:00:00.000000"],
                        ["2014-02-01 00:00:00.000000", "2014-02-02 00:00:00.000000"]
                    ],
                    "b/y.csv": []
                }
                """;

        Map<String, List<String[]>> labels = NabLabels.parse(json);

        assertThat(labels).containsOnlyKeys("a/x.csv", "b/y.csv");
        assertThat(labels.get("a/x.csv")).hasSize(2);
        assertThat(labels.get("a/x.csv").get(1)).containsExactly("2014-02-01 00:00:00", "2014-02-02 00:00:00");
        assertThat(labels.get("b/y.csv")).isEmpty();
    }

    @Test
    void rejectsAWindowWithOneTimestamp() {
        assertThatThrownBy(() -> NabLabels.parse("{\"a\": [[\"2014-01-01 00:00:00\"]]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
