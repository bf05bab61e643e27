package io.homeostat.engine.execute;

import io.homeostat.core.Guard;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.record.OperationSnapshot;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Success-criteria readings from this JVM's guards, as callers see them: for a service that is a
 * provider of a {@link ProviderRoute}, the guard of the route's current provider (after a failover,
 * the provider that now answers); otherwise the guard named like the service. Metrics:
 * {@code error_rate} (failures and timeouts per attempt, in [0, 1]), {@code p99_ms} and
 * {@code rejected} (calls refused), over the guard's recording window; empty when the guard made no
 * attempt in it, or the metric is unknown. A service that reports from another process has no guard
 * here: {@link #orElse orElse} a {@link SampleMetricSource}, which maps these names to its samples'. Thread-safe.
 */
public final class GuardMetricSource implements MetricSource {

    private final GuardRegistry guards;
    private final List<ProviderRoute> routes;

    public GuardMetricSource(GuardRegistry guards, List<ProviderRoute> routes) {
        this.guards = guards;
        this.routes = List.copyOf(routes);
    }

    @Override
    public OptionalDouble read(String service, String metric) {
        String name = routes.stream().filter(r -> r.providers().contains(service)).findFirst()
                .map(ProviderRoute::current).orElse(service);
        Optional<Guard> guard = guards.find(name);
        if (guard.isEmpty()) {
            return OptionalDouble.empty();
        }
        OperationSnapshot s = guard.get().snapshot();
        return switch (metric) {
            case "error_rate" -> s.attempts() == 0 ? OptionalDouble.empty() : OptionalDouble.of(s.errorRate());
            case "p99_ms" -> s.attempts() == 0 ? OptionalDouble.empty() : OptionalDouble.of(s.p99Nanos() / 1e6);
            case "rejected" -> OptionalDouble.of(s.rejected());
            default -> OptionalDouble.empty();
        };
    }
}
