package io.homeostat.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigReaderTest {

    private static final String RULES = """
            rules:
              - name: slow
                for: 30s
                threshold: 2.5
              - name: errors
                for: 1m
                threshold: 5
              - name: bad
                for: soon
                threshold: high
                enabled: maybe
            """;

    @Test
    void keepsTheLineColumnAndPathOfEveryValue(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), RULES);

        ConfigNode root = YamlConfigReader.read(file);
        ConfigNode third = root.required("rules").elements().get(2);

        assertThat(third.path()).isEqualTo("rules[2]");
        ConfigNode forNode = third.required("for");
        assertThat(forNode.path()).isEqualTo("rules[2].for");
        assertThat(forNode.location()).isEqualTo(new ConfigLocation("rules.yaml", 9, 10));
        assertThat(root.required("rules").elements().get(0).required("for").asDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(root.required("rules").elements().get(0).required("threshold").asDouble()).isEqualTo(2.5);
        assertThat(root.required("rules").elements().get(1).required("threshold").asInt()).isEqualTo(5);
    }

    @Test
    void theWordsYamlReadsAsBooleansMeanWhatTheySay() {
        ConfigNode root = YamlConfigReader.read("flags.yaml", """
                a: yes
                b: On
                c: TRUE
                d: no
                e: off
                f: "true"
                g: 'yes'
                """);
        for (String key : new String[] {"a", "b", "c", "f"}) {
            assertThat(root.required(key).asBoolean()).as(key).isTrue();
        }
        for (String key : new String[] {"d", "e"}) {
            assertThat(root.required(key).asBoolean()).as(key).isFalse();
        }
        assertThatThrownBy(() -> root.required("g").asBoolean()).isInstanceOf(ConfigException.class)
                .hasMessage("flags.yaml:7:4: g: must be true or false, was 'yes' (unquoted yes/no and on/off are read as"
                        + " true/false too)");
    }

    @Test
    void wrongTypesNameFileLineColumnAndKey() {
        ConfigNode third = YamlConfigReader.read("rules.yaml", RULES).required("rules").elements().get(2);

        assertThatThrownBy(() -> third.required("for").asDuration())
                .isInstanceOf(ConfigException.class)
                .hasMessage("rules.yaml:9:10: rules[2].for: must be a duration like 30s, 5m or 100ms, was 'soon'");
        assertThatThrownBy(() -> third.required("threshold").asDouble())
                .hasMessageStartingWith("rules.yaml:10:16: rules[2].threshold: must be a number");
        assertThatThrownBy(() -> third.required("enabled").asBoolean())
                .hasMessageStartingWith("rules.yaml:11:14: rules[2].enabled: must be true or false");
        assertThatThrownBy(() -> third.required("name").elements())
                .hasMessageStartingWith("rules.yaml:8:11: rules[2].name: must be a list, was 'bad'");
        assertThatThrownBy(() -> third.asString()).hasMessageContaining("must be a single value, was a map");
    }

    @Test
    void missingKeysNameThePathTheyShouldHaveHad() {
        ConfigNode first = YamlConfigReader.read("rules.yaml", RULES).required("rules").elements().get(0);

        ConfigException error = (ConfigException) catchThrowableOf(() -> first.required("severity"));

        assertThat(error.path()).isEqualTo("rules[0].severity");
        assertThat(error.location().line()).isEqualTo(2);
        assertThat(error.getMessage()).startsWith("rules.yaml:2:").endsWith("rules[0].severity: is required but missing");
        ConfigNode withNull = YamlConfigReader.read("a.yaml", "x: ~\n");
        assertThatThrownBy(() -> withNull.required("x")).hasMessageEndingWith("x: is required but null");
    }

    @Test
    void unknownKeysAreRejectedAtTheirLine() {
        ConfigNode first = YamlConfigReader.read("rules.yaml", "rules:\n  - name: a\n    treshold: 3\n")
                .required("rules").elements().get(0);

        assertThatThrownBy(() -> first.requireKeys(Set.of("name", "threshold")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("rules.yaml:3:5: rules[0].treshold: unknown key; expected one of [name, threshold]");
        assertThat(first.requireKeys(Set.of("name", "treshold"))).isSameAs(first);
    }

    @Test
    void badSyntaxNamesTheLine() {
        String broken = "rules:\n  - name: a\n    for: [30s\n  - name: b\n";

        ConfigException error = (ConfigException) catchThrowableOf(() -> YamlConfigReader.read("rules.yaml", broken));

        assertThat(error.getMessage()).startsWith("rules.yaml:").contains("not valid YAML");
        assertThat(error.location().line()).isBetween(3, 5);
        assertThat(error.getMessage()).doesNotContain("\n");
    }

    @Test
    void badIndentationIsASyntaxError() {
        assertThatThrownBy(() -> YamlConfigReader.read("x.yaml", "a: 1\n b: 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml:2:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> YamlConfigReader.read("x.yaml", "a: 1\nb: 2\na: 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("x.yaml:3:1: a: duplicate key; first given at line 1");
    }

    @Test
    void emptyDocumentIsAnEmptyMap() {
        ConfigNode root = YamlConfigReader.read("empty.yaml", "");

        assertThat(root.kind()).isEqualTo(ConfigNode.Kind.MAP);
        assertThat(root.fields()).isEmpty();
        assertThatThrownBy(() -> root.required("rules")).hasMessage("empty.yaml:1:1: rules: is required but missing");
        for (String empty : new String[] {"---\n", "# nothing yet\n", "---\n# only a comment\n"}) {
            assertThat(YamlConfigReader.read("empty.yaml", empty).fields()).as(empty).isEmpty();
        }
    }

    @Test
    void aFileThatCannotBeReadSaysWhy(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> YamlConfigReader.read(missing))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessage("cannot read " + missing + ": no such file");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> YamlConfigReader.read(latin1)).hasMessageEndingWith(": not UTF-8 text");
    }

    @Test
    void anchorsAndAliasesAreRefusedNotReadAsTheirNames() {
        String yaml = "service: &svc \"shop*\"\nservices: [*svc]\n";
        assertThatThrownBy(() -> YamlConfigReader.read("x.yaml", yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.yaml:2:").hasMessageContaining("services[0]: YAML anchors and aliases");
        assertThatThrownBy(() -> YamlConfigReader.read("x.yaml", "a: {b: 1}\nc: *x\n"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> YamlConfigReader.read("x.yaml", "base: &base {b: 1}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("base: YAML anchors");
    }

    @Test
    void readsDurationsEnumsAndKeepsKeyOrder() {
        ConfigNode root = YamlConfigReader.read("x.yaml", "z: 1h30m\ny: 250ms\nx: High\nw: 2d\n");

        assertThat(root.fields().keySet()).containsExactly("z", "y", "x", "w");
        assertThat(root.required("z").asDuration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(root.required("y").asDuration()).isEqualTo(Duration.ofMillis(250));
        assertThat(root.required("w").asDuration()).isEqualTo(Duration.ofDays(2));
        assertThat(root.required("x").asEnum(Level.class)).isEqualTo(Level.HIGH);
        assertThatThrownBy(() -> root.required("y").asEnum(Level.class))
                .hasMessage("x.yaml:2:4: y: must be one of [high, low], was '250ms'");
        assertThatThrownBy(() -> YamlConfigReader.read("x.yaml", "a: 10x\n").required("a").asDuration())
                .hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> YamlConfigReader.read("x.yaml", "a: 1.5\n").required("a").asLong())
                .hasMessageContaining("must be a whole number, was '1.5'");
    }

    private enum Level {
        HIGH,
        LOW
    }

    private static Throwable catchThrowableOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }
}
