package io.homeostat.engine.learn.threshold;

/**
 * Where a {@link ThresholdAdapter} reports each threshold it changes, before the change is handed
 * out; typically an adapter onto the audit log. Implementations must be thread-safe if the adapter
 * is used from several threads. An exception thrown here stops the change: no threshold changes
 * unaudited.
 */
@FunctionalInterface
public interface ThresholdAudit {

    /** Records {@code change}. */
    void changed(ThresholdChange change);
}
