package io.homeostat.engine.port;

import io.homeostat.engine.alert.Silence;
import java.util.List;

/**
 * Keeps the alert silences that are not over yet, so that a restarted server mutes what it muted
 * before: a maintenance silence of two hours made a minute before a restart still holds after it.
 * The alert manager writes through ({@link io.homeostat.engine.alert.AlertingBuilder#silences}):
 * it saves a silence when it is made, removes it when it is ended early or runs out, and reads
 * them all once when it is built.
 *
 * <p>Implementations are thread-safe. When {@link #save} or {@link #remove} returns, the change
 * is durable.
 */
public interface SilenceStore {

    /**
     * Stores {@code silence} with its matchers, times, author and comment, replacing one stored
     * before with the same id.
     *
     * @throws NullPointerException if {@code silence} is null
     * @throws StoreUnavailableException if the backing store cannot be written
     * @throws StoreRefusedException if it answered and refused the silence (a value too long for it)
     */
    void save(Silence silence);

    /**
     * Forgets the silence with {@code id}; nothing if none is stored.
     *
     * @throws NullPointerException if {@code id} is null
     * @throws StoreUnavailableException if the backing store cannot be written
     */
    void remove(String id);

    /**
     * Every stored silence, ordered by start then id, whether or not it is over by now (the
     * reader decides what to do with those).
     *
     * @throws StoreUnavailableException if the backing store cannot be read
     */
    List<Silence> all();
}
