package io.homeostat.engine.port;

import java.util.List;

/**
 * The append-only audit trail: every decision the healer takes, with its reason and evidence.
 * Records are never changed nor removed.
 *
 * <p>Implementations are thread-safe. {@link #append} may be asynchronous (a database-backed log
 * batches its writes off the caller's thread); {@link #flush()} waits until everything appended
 * before it is durable, and queries see what was flushed.
 */
public interface AuditLog {

    /**
     * Adds {@code record} to the trail. Appending a record whose id is already there changes
     * nothing (so a replayed append is harmless).
     *
     * @throws NullPointerException if {@code record} is null
     * @throws IllegalStateException if the log is closed
     */
    void append(AuditRecord record);

    /**
     * Blocks until every record appended before this call is durable (in the database, or in a
     * local spool that will replay it).
     *
     * @throws IllegalStateException if the log is closed
     * @throws StoreUnavailableException if the records could be made durable nowhere
     */
    void flush();

    /**
     * The records matching {@code query}, oldest first, records of the same instant in the order
     * they were appended, at most its limit.
     *
     * @throws StoreUnavailableException if the backing store cannot be read
     */
    List<AuditRecord> query(AuditQuery query);

    /**
     * The {@code limit} most recent records, newest first, records of the same instant the last
     * appended first.
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     * @throws StoreUnavailableException if the backing store cannot be read
     */
    List<AuditRecord> recent(int limit);
}
