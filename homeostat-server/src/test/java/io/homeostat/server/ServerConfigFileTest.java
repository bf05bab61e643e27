package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
