package io.homeostat.server.runtime;

import io.homeostat.core.Listeners;
import io.homeostat.engine.execute.RecoveryFlags;
import io.homeostat.engine.port.RecoverySwitch;
import io.homeostat.engine.port.RecoverySwitchStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery's run-time switches as people set them (kill switch, automation mode, recovery turned
 * off for a service, an action or a risk level): each change is applied to the orchestrator's
 * {@link RecoveryFlags} at once, kept in the store's {@link RecoverySwitchStore}, and told to the
 * listeners (the live stream). At start the stored switches are applied before the loop's first
 * tick, so a restart does not forget that a person turned automation off.
 *
 * <p>Thread-safe. Changes are serialised, so the flags and the store end in the same state; each
 * listener sees them in the order they happened, on the changing thread, after the change and
 * before {@link #set} returns; one that throws is counted in {@link #listenerFailures()}.
 */
public final class RecoverySwitches {

    private static final Logger LOG = LoggerFactory.getLogger(RecoverySwitches.class);

    private final RecoverySwitchStore store;
    private final RecoveryFlags flags;
    private final ReentrantLock lock = new ReentrantLock();
    private final Listeners<RecoverySwitch> listeners = new Listeners<>();

    private RecoverySwitches(RecoverySwitchStore store, RecoveryFlags flags) {
        this.store = store;
        this.flags = flags;
    }

    /**
     * Applies every switch kept in {@code store} to {@code flags} and returns the switches over them.
     *
     * @throws StoreUnavailableException if the store cannot be read
     */
    public static RecoverySwitches restore(RecoverySwitchStore store, RecoveryFlags flags) {
        RecoverySwitches switches = new RecoverySwitches(Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(flags, "flags"));
        List<RecoverySwitch> kept = store.all();
        kept.forEach(flags::apply);
        if (!kept.isEmpty()) {
            LOG.info("restored {} recovery switch(es): kill switch {}, mode {}, turned off: services {}, actions {}, risks {}",
                    kept.size(), flags.killed() ? "on" : "off", flags.mode(), flags.disabledServices(),
                    flags.disabledActions(), flags.disabledRisks());
        }
        return switches;
    }

    /**
     * Applies {@code setting} now, then keeps it. The change holds in this process even when the
     * store cannot take it (a kill switch must work during a database outage); the exception then
     * says it will not outlive a restart.
     *
     * @throws StoreUnavailableException if the setting was applied but could not be stored
     */
    public void set(RecoverySwitch setting) {
        Objects.requireNonNull(setting, "setting");
        lock.lock();
        try {
            flags.apply(setting);
            try {
                store.save(setting);
            } catch (StoreUnavailableException e) {
                throw new StoreUnavailableException("applied now, but not stored, so a restart will forget it: "
                        + e.getMessage(), e);
            }
        } finally {
            // applied either way; listeners hear changes in the order they were made
            listeners.fire(setting);
            lock.unlock();
        }
    }

    /**
     * The switches as people last set them, with who and when, in kind then target order.
     *
     * @throws StoreUnavailableException if the store cannot be read
     */
    public List<RecoverySwitch> stored() {
        return store.all();
    }

    /** The flags these switches set. */
    public RecoveryFlags flags() {
        return flags;
    }

    /** Calls {@code listener} after every change; the handle ends the subscription. */
    public AutoCloseable subscribe(Consumer<? super RecoverySwitch> listener) {
        return listeners.add(listener);
    }

    /** Times a listener threw. */
    public long listenerFailures() {
        return listeners.failures();
    }
}
