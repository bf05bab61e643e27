package io.homeostat.store.jdbc;

import java.nio.file.Path;

class PostgresRecoveryReadsTest extends RecoveryReadsSuite {

    private final String schema = TestDatabases.newSchemaName("recovery");

    @Override
    StoreConfig config(Path directory) {
        return TestDatabases.postgres(schema, directory);
    }

    @Override
    void cleanUp() {
        TestDatabases.dropPostgresSchema(schema);
    }
}
