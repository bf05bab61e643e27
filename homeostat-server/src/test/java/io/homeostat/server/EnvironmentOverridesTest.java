package io.homeostat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.store.jdbc.StoreConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

    private final ServerConfig base = ServerConfig.defaults();

    @Test
    void variablesOverrideTheFileValues() {
        ServerConfig config = EnvironmentOverrides.apply(Map.of("HOMEOSTAT_SERVER_PORT", "9090",
                "HOMEOSTAT_SERVER_HOST", "0.0.0.0", "HOMEOSTAT_SERVER_DATA", "/var/lib/homeostat"), base);
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.dataDirectory()).isEqualTo(Path.of("/var/lib/homeostat"));
        assertThat(EnvironmentOverrides.apply(Map.of(), base)).isEqualTo(base);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> EnvironmentOverrides.apply(Map.of("HOMEOSTAT_SERVER_PORT", "eighty"), base))
                .hasMessageStartingWith("HOMEOSTAT_SERVER_PORT='eighty' must be an integer");
        assertThatThrownBy(() -> EnvironmentOverrides.apply(Map.of("HOMEOSTAT_SERVER_PORT", "70000"), base))
                .hasMessageStartingWith("HOMEOSTAT_SERVER_PORT='70000' must be in [0, 65535]");
        assertThatThrownBy(() -> EnvironmentOverrides.apply(Map.of("HOMEOSTAT_SERVER_HOST", " "), base))
                .hasMessageStartingWith("HOMEOSTAT_SERVER_HOST=' ' must not be empty");
        assertThatThrownBy(() -> EnvironmentOverrides.apply(Map.of("HOMEOSTAT_STORE_URL", "mysql://x"),
                StoreConfig.defaults())).hasMessageStartingWith("HOMEOSTAT_STORE_URL='mysql://x' must be a jdbc:h2:");
        assertThatThrownBy(() -> EnvironmentOverrides.apply(Map.of("HOMEOSTAT_STORE_USER", "postgres"),
                StoreConfig.defaults())).hasMessageStartingWith("HOMEOSTAT_STORE_USER is set but HOMEOSTAT_STORE_URL is not");
    }

    @Test
    void aMisspeltVariableIsRefusedAndOtherHomeostatVariablesAreLeftAlone() {
        assertThatThrownBy(() -> EnvironmentOverrides.apply(Map.of("HOMEOSTAT_SERVER_PROT", "1"), base))
                .hasMessageContaining("unknown environment variable HOMEOSTAT_SERVER_PROT")
                .hasMessageContaining("HOMEOSTAT_SERVER_PORT");
        assertThat(EnvironmentOverrides.apply(Map.of("HOMEOSTAT_TOKEN", "t", "PATH", "/bin"), base)).isEqualTo(base);
    }

    @Test
    void theStoreUrlReplacesTheEmbeddedDatabase() {
        StoreConfig store = EnvironmentOverrides.apply(Map.of("HOMEOSTAT_STORE_URL",
                "jdbc:postgresql://127.0.0.1:5432/homeostat", "HOMEOSTAT_STORE_USER", "postgres"),
                HomeostatServer.embeddedStore(base));
        assertThat(store.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/homeostat");
        assertThat(store.user()).isEqualTo("postgres");
        assertThat(store.password()).isEmpty();
        assertThat(store.spoolDirectory()).isEqualTo(HomeostatServer.embeddedStore(base).spoolDirectory());
    }
}
