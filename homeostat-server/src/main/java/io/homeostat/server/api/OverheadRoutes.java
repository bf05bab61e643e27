package io.homeostat.server.api;

import io.homeostat.server.runtime.ControlLoop;
import java.util.List;

/**
 * {@code GET /api/v1/overhead}: Homeostat's own cost for the dashboard ({@link
 * io.homeostat.server.runtime.Overhead.Snapshot}): the process's CPU share and heap, threads, the
 * bus's queue, signals per second through the bus, and the loop's tick time (last, and longest of
 * the last minute).
 */
final class OverheadRoutes {

    private final ControlLoop loop;

    OverheadRoutes(ControlLoop loop) {
        this.loop = loop;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/overhead", Access.VIEWER,
                "Homeostat's own overhead: process CPU share, heap, threads, bus queue depth, signals per second through the bus, loop tick time",
                List.of(), ctx -> ctx.json(loop.overhead().snapshot())));
    }
}
