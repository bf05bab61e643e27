package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

    @Test
    void defaultsAreTheEmbeddedH2UnderData() {
        StoreConfig config = StoreConfig.defaults();

        assertThat(config.jdbcUrl()).isEqualTo("jdbc:h2:file:./data/homeostat");
        assertThat(config.batchSize()).isEqualTo(100);
        assertThat(config.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.spoolDirectory()).isEqualTo(Path.of("data", "spool"));
        assertThat(config.spoolMaxBytes()).isEqualTo(256L << 20);
        assertThat(config.poolSize()).isEqualTo(4);
        assertThat(config.schema()).isEmpty();
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void rejectsWhatItCannotUseNamingTheField() {
        StoreConfig d = StoreConfig.defaults();
        assertThatThrownBy(() -> d.withJdbc("jdbc:mysql://x/y", "u", ""))
                .hasMessageContaining("jdbcUrl").hasMessageContaining("jdbc:mysql://x/y");
        assertThatThrownBy(() -> d.withBatching(0, Duration.ofSeconds(1)))
                .hasMessage("batchSize must be in [1, 10000], was 0");
        assertThatThrownBy(() -> d.withBatching(100, Duration.ofMillis(5))).hasMessageContaining("flushInterval");
        assertThatThrownBy(() -> d.withPoolSize(65)).hasMessage("poolSize must be in [2, 64], was 65");
        assertThatThrownBy(() -> d.withPoolSize(1)).hasMessageStartingWith("poolSize must be at least 2 (Flyway")
                .hasMessageEndingWith("was 1");
        assertThat(d.withPoolSize(2).poolSize()).isEqualTo(2);
        assertThatThrownBy(() -> d.withSpool(Path.of("s"), 1000)).hasMessageContaining("spoolMaxBytes");
        assertThatThrownBy(() -> d.withSchema("Robert'); DROP TABLE x")).hasMessageContaining("schema");
        assertThatThrownBy(() -> d.withConnectTimeout(Duration.ofMillis(10))).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> d.withSocketTimeout(Duration.ofMillis(999))).hasMessageContaining("socketTimeout");
        assertThatThrownBy(() -> d.withSocketTimeout(Duration.ofHours(2))).hasMessageContaining("socketTimeout");
        assertThat(d.withSocketTimeout(Duration.ofMinutes(5)).socketTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> d.withSpool(null, 1 << 20)).isInstanceOf(NullPointerException.class)
                .hasMessage("spoolDirectory");
    }

    @Test
    void keepsThePasswordOutOfItsText() {
        StoreConfig config = StoreConfig.defaults().withJdbc("jdbc:postgresql://127.0.0.1/db", "app", "s3cret");

        assertThat(config.toString()).doesNotContain("s3cret").contains("password=****");
        assertThat(Dialect.of(config.jdbcUrl())).isEqualTo(Dialect.POSTGRESQL);
    }
}
