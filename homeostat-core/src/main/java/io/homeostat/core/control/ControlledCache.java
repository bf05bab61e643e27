package io.homeostat.core.control;

/**
 * A cache the kernel control may clear or warm, registered under a name. Implementations must be
 * thread-safe; they run on the caller's thread.
 */
public interface ControlledCache {

    /**
     * Drops every entry.
     *
     * @return how many entries were dropped
     */
    int clear();

    /**
     * Loads the entries callers will likely ask for. The default warms nothing.
     *
     * @return how many entries were loaded
     */
    default int warm() {
        return 0;
    }
}
