package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.incident.IncidentTrackerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigFileTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("homeostat.yaml"), yaml);
    }

    @Test
    void readsTheServerSection() throws IOException {
        ServerConfig config = ServerConfigFile.apply(write("server:\n  port: 9090\n  data: /var/lib/homeostat\n"),
                ServerConfig.defaults());
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/homeostat"));
    }

    @Test
    void anUnknownKeyIsNamedWithFileAndLine() throws IOException {
        Path file = write("server:\n  port: 9090\n  prot: 1\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(file, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("homeostat.yaml").hasMessageContaining("3").hasMessageContaining("prot");
    }

    @Test
    void aPortOutOfRangeOrOfTheWrongTypeIsRefused() throws IOException {
        Path far = write("server:\n  port: 70000\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(far, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
        Path text = write("server:\n  port: eighty\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(text, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("port");
    }

    @Test
    void anEmptyHostOrDataDirectoryIsRefusedWithFileLineAndKey() throws IOException {
        Path host = write("server:\n  port: 9090\n  host: \"\"\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(host, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("homeostat.yaml:3:").hasMessageContaining("server.host: must not be empty");
        Path data = write("server:\n  data: \" \"\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(data, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("homeostat.yaml:2:").hasMessageContaining("server.data: must not be empty");
        assertThatThrownBy(() -> ServerConfig.defaults().withDataDirectory(Path.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataDirectory");
    }

    @Test
    void sectionsNotReadYetAreRefusedRatherThanIgnored() throws IOException {
        Path file = write("detectors:\n  threshold: []\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(file, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("detectors");
    }

    @Test
    void readsTheIncidentsSectionOverTheDefaults() throws IOException {
        ServerConfig config = ServerConfigFile.apply(write("incidents:\n  hold: 8s\n  correlation_window: 2m\n"
                + "  flap_threshold: 5\n  flap_window: 30m\n"), ServerConfig.defaults());
        IncidentTrackerConfig tracking = config.incidents().orElseThrow();
        assertThat(tracking.holdPeriod()).isEqualTo(Duration.ofSeconds(8));
        assertThat(tracking.tickInterval()).isEqualTo(Duration.ofSeconds(8)); // a tick may not outlast the hold
        assertThat(tracking.correlationWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(tracking.flapThreshold()).isEqualTo(5);
        assertThat(tracking.flapWindow()).isEqualTo(Duration.ofMinutes(30));

        ServerConfig holdOnly = ServerConfigFile.apply(write("incidents:\n  hold: 2m\n"), ServerConfig.defaults());
        assertThat(holdOnly.incidents().orElseThrow()).isEqualTo(IncidentTrackerConfig.ofDefaults()
                .withHoldPeriod(Duration.ofMinutes(2)));
        assertThat(ServerConfigFile.apply(write("server:\n  port: 9090\n"), ServerConfig.defaults()).incidents()).isEmpty();
    }

    @Test
    void badIncidentSettingsAreRefusedWithFileLineAndKey() throws IOException {
        Path zero = write("incidents:\n  hold: 0s\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(zero, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("homeostat.yaml:2:").hasMessageContaining("incidents.hold: hold must be positive");
        Path shortWindow = write("incidents:\n  hold: 10m\n  flap_window: 5m\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(shortWindow, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("homeostat.yaml:3:")
                .hasMessageContaining("flap_window (PT5M) must be longer than hold (PT10M)");
        Path threshold = write("incidents:\n  flap_threshold: 0\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(threshold, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("incidents.flap_threshold");
        Path typo = write("incidents:\n  hold_period: 1m\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(typo, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("hold_period");
    }

    @Test
    void readsTheAlertingSectionAndComparesItByWhatItSays() throws IOException {
        String alerting = """
                alerting:
                  receivers:
                    - name: ops
                      webhook: {url: "http://127.0.0.1:9/hook", secret: s3cret}
                  route: {receiver: ops}
                """;
        ServerConfig config = ServerConfigFile.apply(write(alerting), ServerConfig.defaults());
        assertThat(config.alerting()).isPresent();
        assertThat(config.alerting().get().toString()).doesNotContain("s3cret");
        ServerConfig moved = ServerConfigFile.apply(write("server: {port: 9090}\n" + alerting), ServerConfig.defaults());
        assertThat(moved.alerting()).as("the same section on other lines").isEqualTo(config.alerting());
        ServerConfig changed = ServerConfigFile.apply(write(alerting.replace("s3cret", "other")), ServerConfig.defaults());
        assertThat(changed.alerting()).isNotEqualTo(config.alerting());
        assertThat(ServerConfigFile.apply(write("server:\n  port: 9090\n"), ServerConfig.defaults()).alerting()).isEmpty();
    }

    @Test
    void aMistakeInTheAlertingSectionIsRefusedWithFileLineAndKey() throws IOException {
        Path unknownReceiver = write("""
                alerting:
                  receivers:
                    - name: ops
                      log: true
                  route: {receiver: pager}
                """);
        assertThatThrownBy(() -> ServerConfigFile.apply(unknownReceiver, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("homeostat.yaml:5:").hasMessageContaining("alerting.route.receiver")
                .hasMessageContaining("pager");
        Path typo = write("alerting:\n  receivers: []\n  route: {receiver: ops}\n  rout: {}\n");
        assertThatThrownBy(() -> ServerConfigFile.apply(typo, ServerConfig.defaults()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("rout");
    }

    @Test
    void aSectionWithNothingUnderItIsASectionLeftOutAndSoIsAnEmptyDocument() throws IOException {
        ServerConfigFile.Contents contents = ServerConfigFile.read(write("detection:\nworkflows:\nserver:\n  port: 9090\n"),
                ServerConfig.defaults(), io.homeostat.engine.execute.ActionCatalog.of(java.util.List.of()));
        assertThat(contents.server().port()).isEqualTo(9090);
        assertThat(contents.loop().fromFile()).as("what the file set, start-only sections too").containsExactly("server");
        assertThat(ServerConfigFile.apply(write("---\n# nothing set yet\n"), ServerConfig.defaults()))
                .isEqualTo(ServerConfig.defaults());
        assertThatThrownBy(() -> ServerConfigFile.apply(write("detectors:\n"), ServerConfig.defaults()))
                .as("an unknown section is refused even when empty").hasMessageContaining("detectors");
    }
}
