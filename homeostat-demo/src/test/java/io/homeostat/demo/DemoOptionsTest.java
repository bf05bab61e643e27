package io.homeostat.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsAreAShortRunAt50RequestsASecond() {
        DemoOptions o = DemoOptions.parse();
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(150));
        assertThat(o.rate()).isEqualTo(50);
        assertThat(o.chaos()).isTrue();
        assertThat(o.scenario()).isEmpty();
        assertThat(o.port()).isEqualTo(8080);
    }

    @Test
    void readsEveryOption() {
        DemoOptions o = DemoOptions.parse("--duration", "3m", "--rate", "20", "--scenario", "s.yaml", "--no-chaos",
                "--port", "0", "--seed", "9", "--report", "out");
        assertThat(o).isEqualTo(new DemoOptions(Duration.ofMinutes(3), 20, java.util.Optional.of(Path.of("s.yaml")), false,
                0, 9, Path.of("out")));
        assertThat(DemoOptions.parse("--duration", "45").duration()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> DemoOptions.parse("--speed", "3")).hasMessage("unknown option '--speed'");
        assertThatThrownBy(() -> DemoOptions.parse("--rate")).hasMessage("--rate needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--rate", "fast")).hasMessage("--rate must be a whole number, was 'fast'");
        assertThatThrownBy(() -> DemoOptions.parse("--rate", "0")).hasMessageContaining("--rate must be in [1, 500]");
        assertThatThrownBy(() -> DemoOptions.parse("--duration", "5s")).hasMessageContaining("--duration must be in [10s, 1h]");
        assertThatThrownBy(() -> DemoOptions.parse("--duration", "soon")).hasMessageContaining("--duration must be like");
    }
}
