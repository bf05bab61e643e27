package io.homeostat.store.jdbc;

import java.nio.file.Path;

class PostgresReadsAndRetentionTest extends ReadsAndRetentionSuite {

    private final String schema = TestDatabases.newSchemaName("reads");

    @Override
    StoreConfig config(Path directory) {
        return TestDatabases.postgres(schema, directory);
    }

    @Override
    void cleanUp() {
        TestDatabases.dropPostgresSchema(schema);
    }
}
