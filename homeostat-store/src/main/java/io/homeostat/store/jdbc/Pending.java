package io.homeostat.store.jdbc;

/** One row waiting for its batch, with the table it goes to. */
record Pending(Table<?> table, Object row) {}
