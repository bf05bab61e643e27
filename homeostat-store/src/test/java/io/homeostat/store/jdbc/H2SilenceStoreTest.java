package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.alert.Silence;
import io.homeostat.engine.port.StoreRefusedException;
import io.homeostat.engine.port.SilenceStore;
import io.homeostat.engine.port.contract.SilenceStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2SilenceStoreTest extends SilenceStoreContract {

    @TempDir
    Path directory;

    private JdbcStore jdbc;

    @Override
    protected SilenceStore newStore() {
        jdbc = JdbcStore.open(TestDatabases.h2(directory), ManualClock.create().scheduler());
        return jdbc.silences();
    }

    @Override
    protected SilenceStore reopen(SilenceStore store) {
        jdbc.close();
        return newStore();
    }

    @Override
    protected void closeStore(SilenceStore store) {
        jdbc.close();
    }

    @Test
    void anAuthorLongerThanTheColumnIsRefusedNotUnavailable() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        Silence silence = new Silence("silence-long", List.of(Matcher.eq("service", "checkout")), now,
                now.plusSeconds(60), "x".repeat(201), "");

        assertThatThrownBy(() -> store.save(silence)).isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("silence-long");
        assertThat(store.all()).isEmpty();
    }
}
