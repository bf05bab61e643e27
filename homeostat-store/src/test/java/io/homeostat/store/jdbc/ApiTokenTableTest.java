package io.homeostat.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.StoreRefusedException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API token table on both databases: added and deleted one by one, read back in order, all or nothing. */
class ApiTokenTableTest {

    private static final ApiTokenTable.Row ADMIN = new ApiTokenTable.Row("a".repeat(64), "admin", "admin");
    private static final ApiTokenTable.Row OPS = new ApiTokenTable.Row("0123456789abcdef".repeat(4), "ops-alice", "operator");
    private static final ApiTokenTable.Row VIEWER = new ApiTokenTable.Row("f".repeat(64), "wall", "viewer");

    abstract static class Contract {

        private JdbcStore store;

        abstract StoreConfig config();

        void cleanUp() {}

        private ApiTokenTable open() {
            store = JdbcStore.open(config(), ManualClock.create().scheduler());
            return store.apiTokens();
        }

        @AfterEach
        void close() {
            try {
                if (store != null) {
                    store.close();
                }
            } finally {
                cleanUp();
            }
        }

        @Test
        void tokensComeBackInTheOrderMadeAfterAReopen() {
            ApiTokenTable table = open();
            assertThat(table.all()).isEmpty();
            table.insert(List.of(VIEWER));
            table.insert(List.of(ADMIN, OPS));
            store.close();

            assertThat(open().all()).containsExactly(VIEWER, ADMIN, OPS);
        }

        @Test
        void aDeletedTokenIsGoneAndTheOthersKeepTheirOrder() {
            ApiTokenTable table = open();
            table.insert(List.of(ADMIN, OPS, VIEWER));

            table.delete(OPS.hash());
            table.delete("0".repeat(64));
            table.insert(List.of(OPS));

            assertThat(table.all()).containsExactly(ADMIN, VIEWER, OPS);
        }

        @Test
        void aRefusedInsertAddsNoneOfItsTokens() {
            ApiTokenTable table = open();
            table.insert(List.of(ADMIN));

            ApiTokenTable.Row sameName = new ApiTokenTable.Row("b".repeat(64), "admin", "viewer");
            assertThatThrownBy(() -> table.insert(List.of(VIEWER, sameName))).isInstanceOf(StoreRefusedException.class)
                    .hasMessageContaining("cannot store the API tokens [wall, admin]");
            assertThatThrownBy(() -> table.insert(List.of(new ApiTokenTable.Row(ADMIN.hash(), "other", "viewer"))))
                    .as("the same secret twice").isInstanceOf(StoreRefusedException.class);

            assertThat(table.all()).containsExactly(ADMIN);
        }
    }

    @Nested
    class OnH2 extends Contract {

        @TempDir
        Path directory;

        @Override
        StoreConfig config() {
            return TestDatabases.h2(directory);
        }
    }

    @Nested
    class OnPostgres extends Contract {

        @TempDir
        Path spool;

        private final String schema = TestDatabases.newSchemaName("api_tokens");

        @Override
        StoreConfig config() {
            return TestDatabases.postgres(schema, spool);
        }

        @Override
        void cleanUp() {
            TestDatabases.dropPostgresSchema(schema);
        }
    }
}
