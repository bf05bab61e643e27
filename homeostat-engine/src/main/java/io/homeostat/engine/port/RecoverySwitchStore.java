package io.homeostat.engine.port;

import java.util.List;

/**
 * Keeps the last setting of each of recovery's run-time switches ({@link RecoverySwitch}), one per
 * kind and target, so that a restarted server restores them into its
 * {@link io.homeostat.engine.execute.RecoveryFlags} before the loop acts.
 *
 * <p>Implementations are thread-safe. {@link #save} writes through: when it returns the setting
 * is durable.
 */
public interface RecoverySwitchStore {

    /**
     * Stores {@code setting}, replacing the one stored before for the same kind and target.
     *
     * @throws NullPointerException if {@code setting} is null
     * @throws StoreUnavailableException if the backing store cannot be written
     */
    void save(RecoverySwitch setting);

    /**
     * Every stored setting, ordered by kind (in {@link RecoverySwitch.Kind} order) then target.
     *
     * @throws StoreUnavailableException if the backing store cannot be read
     */
    List<RecoverySwitch> all();
}
