package io.homeostat.store.jdbc;

import io.homeostat.core.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row ids that sort in the order they were made: the wall time the store opened (12 hex digits)
 * and 8 random hex digits, then a counter (16 hex digits), e.g.
 * {@code 019a2b3c4d5e-1f2e3d4c-0000000000000001}. A B-tree takes them at its right edge; random
 * UUIDs land all over it and made each batch rewrite many pages (about half the store writer's
 * time at ingest rates). Unique across restarts as long as the clock moves forward between them
 * or the random part differs. Thread-safe.
 */
final class SequentialIds {

    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    SequentialIds(Clock clock) {
        HexFormat hex = HexFormat.of();
        this.prefix = hex.toHexDigits(clock.wallMillis()).substring(4) + "-"
                + hex.toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
    }

    /** The next id. */
    String next() {
        return prefix + HexFormat.of().toHexDigits(counter.incrementAndGet());
    }
}
