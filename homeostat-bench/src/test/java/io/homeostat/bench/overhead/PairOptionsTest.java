package io.homeostat.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The options of the pair driver and of its children, and the command line that passes them on. */
class PairOptionsTest {

    @Test
    void pairReadsItsArgumentsOverTheDefaults() {
        PairOptions defaults = PairOptions.parse();
        assertThat(defaults.settings()).isEqualTo(new WindowOptions(15, Duration.ofSeconds(30), Duration.ofSeconds(120), 50, 42));
        assertThat(defaults.output()).isEqualTo(Path.of("results", "kernel-overhead-pair.json"));

        PairOptions options = PairOptions.parse("--windows", "4", "--seconds", "2", "--warm-up", "0", "--seed", "7",
                "--out", "x.json");
        assertThat(options.settings()).isEqualTo(new WindowOptions(4, Duration.ofSeconds(2), Duration.ZERO, 50, 7));
        assertThat(options.output()).isEqualTo(Path.of("x.json"));
        assertThat(options.settings().length()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void badArgumentsAreRefusedNamingTheArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> PairOptions.parse("--windows", "many"))
                .withMessage("--windows must be a whole number, was 'many'");
        assertThatIllegalArgumentException().isThrownBy(() -> PairOptions.parse("--windows", "0"))
                .withMessageStartingWith("--windows must be at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> PairOptions.parse("--seconds", "0"))
                .withMessageStartingWith("--seconds must be at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> PairOptions.parse("--warm-up", "-5"))
                .withMessageStartingWith("--warm-up must not be negative");
        assertThatIllegalArgumentException().isThrownBy(() -> PairOptions.parse("--rate", "5000"))
                .withMessageStartingWith("--rate must be in [1, 1000]");
        assertThatIllegalArgumentException().isThrownBy(() -> PairOptions.parse("--seed"))
                .withMessage("--seed needs a value");
        assertThatIllegalArgumentException().isThrownBy(() -> PairOptions.parse("--rounds", "3"))
                .withMessage("unknown argument '--rounds'");
        assertThatIllegalArgumentException().isThrownBy(() -> PairOptions.parse("--windows", "2", "--windows", "3"))
                .withMessage("--windows is given twice");
        assertThatIllegalArgumentException().isThrownBy(() -> PairOptions.parse("--windows", "99999999999"))
                .withMessageStartingWith("--windows is too large");
    }

    @Test
    void childReadsOneModeAndRefusesAnyOther() {
        SoloOptions options = SoloOptions.parse("--only", "direct", "--windows", "3");
        assertThat(options.mode()).isEqualTo(Mode.DIRECT);
        assertThat(options.settings().windows()).isEqualTo(3);
        assertThat(options.startOnStdin()).isFalse();
        assertThat(SoloOptions.parse("--only", "GUARDED").mode()).isEqualTo(Mode.GUARDED);

        assertThatIllegalArgumentException().isThrownBy(() -> SoloOptions.parse("--only", "sideways"))
                .withMessage("--only must be guarded or direct, was 'sideways'");
        assertThatIllegalArgumentException().isThrownBy(() -> SoloOptions.parse("--windows", "3"))
                .withMessage("--only is required");
        assertThatIllegalArgumentException().isThrownBy(() -> SoloOptions.parse("--only", "direct", "--out", "x.json"))
                .withMessage("unknown argument '--out'");
    }

    @Test
    void childCommandPassesTheSameSettingsOnWithTheStartHandshake() {
        WindowOptions settings = new WindowOptions(2, Duration.ofSeconds(1), Duration.ofSeconds(3), 40, -9);

        List<String> command = ChildJvm.command("/jdk/bin/java", "a.jar:b.jar", Mode.GUARDED, settings);

        assertThat(command).startsWith("/jdk/bin/java", "-cp", "a.jar:b.jar", KernelOverhead.class.getName());
        SoloOptions child = SoloOptions.parse(command.subList(4, command.size()).toArray(String[]::new));
        assertThat(child).isEqualTo(new SoloOptions(Mode.GUARDED, settings, true));
    }
}
