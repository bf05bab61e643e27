package io.homeostat.server.metrics;

import io.homeostat.core.Guard;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.record.OperationSnapshot;
import java.util.Locale;

/** One guard's metrics in the Prometheus text: totals since start, latency over its window, breaker state. Stateless. */
final class GuardMetrics {

    private GuardMetrics() {}

    static void write(Guard guard, PrometheusText text) {
        String name = guard.name();
        OperationSnapshot total = guard.recorder().total();
        text.counter("homeostat_guard_attempts_total", "Attempts that ran to an end, by result", total.successes(),
                "guard", name, "result", "success");
        text.counter("homeostat_guard_attempts_total", "Attempts that ran to an end, by result", total.timeouts(),
                "guard", name, "result", "timeout");
        total.failuresByCategory().forEach((category, count) -> text.counter("homeostat_guard_failures_total",
                "Failed attempts by error category", count, "guard", name, "category", lower(category)));
        text.counter("homeostat_guard_rejected_total", "Calls refused without an attempt (open circuit, full bulkhead)",
                total.rejected(), "guard", name);
        text.counter("homeostat_guard_retries_total", "Attempts after the first", total.retries(), "guard", name);
        total.fallbacks().forEach((tier, count) -> text.counter("homeostat_guard_fallbacks_total",
                "Calls answered by a fallback tier", count, "guard", name, "tier", lower(tier)));
        OperationSnapshot window = guard.snapshot();
        String help = "Latency of completed attempts over the guard's window";
        text.gauge("homeostat_guard_latency_seconds", help, window.p50Nanos() / 1e9, "guard", name, "quantile", "0.5");
        text.gauge("homeostat_guard_latency_seconds", help, window.p95Nanos() / 1e9, "guard", name, "quantile", "0.95");
        text.gauge("homeostat_guard_latency_seconds", help, window.p99Nanos() / 1e9, "guard", name, "quantile", "0.99");
        guard.circuitBreaker().ifPresent(breaker -> {
            for (CircuitState state : CircuitState.values()) {
                text.gauge("homeostat_guard_circuit_state", "1 for the breaker's current state, 0 for the others",
                        breaker.state() == state ? 1 : 0, "guard", name, "state", lower(state));
            }
        });
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
