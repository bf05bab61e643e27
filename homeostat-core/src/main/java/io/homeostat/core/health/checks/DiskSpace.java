package io.homeostat.core.health.checks;

/**
 * A reading of one file store. Immutable, thread-safe.
 *
 * @param usableBytes bytes this process could still write
 * @param totalBytes the store's size
 */
public record DiskSpace(long usableBytes, long totalBytes) {

    /** @throws IllegalArgumentException if a value is negative or usable exceeds total */
    public DiskSpace {
        if (usableBytes < 0 || totalBytes < 0 || usableBytes > totalBytes) {
            throw new IllegalArgumentException("need 0 <= usableBytes <= totalBytes, were " + usableBytes
                    + " and " + totalBytes);
        }
    }

    /** The usable share, 1 for an empty store of size 0. */
    public double freeRatio() {
        return totalBytes == 0 ? 1 : (double) usableBytes / totalBytes;
    }
}
