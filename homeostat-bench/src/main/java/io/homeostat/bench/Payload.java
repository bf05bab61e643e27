package io.homeostat.bench;

import org.openjdk.jmh.infra.Blackhole;

/** The small CPU-bound call every benchmark guards: {@code Blackhole.consumeCPU(100)}. */
final class Payload {

    static final long TOKENS = 100;

    private Payload() {}

    static Integer call() {
        Blackhole.consumeCPU(TOKENS);
        return 42;
    }
}
