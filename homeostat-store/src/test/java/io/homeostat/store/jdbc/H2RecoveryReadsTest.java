package io.homeostat.store.jdbc;

import java.nio.file.Path;

class H2RecoveryReadsTest extends RecoveryReadsSuite {

    @Override
    StoreConfig config(Path directory) {
        return TestDatabases.h2(directory);
    }
}
