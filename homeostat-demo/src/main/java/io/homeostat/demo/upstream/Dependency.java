package io.homeostat.demo.upstream;

import java.util.Optional;

/** Something an {@link Upstream} calls, whose failure it passes on (a cascade). Implementations are thread-safe. */
public interface Dependency {

    /** The dependency's service name. */
    String name();

    /** Why a call to it would fail now; empty while it works. */
    Optional<String> failure();
}
