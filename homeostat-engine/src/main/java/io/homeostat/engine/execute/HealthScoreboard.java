package io.homeostat.engine.execute;

import io.homeostat.core.health.HealthStatus;
import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.engine.plan.DegradationPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link HealthScore} from the signal bus: the mean credit of the latest state of every health
 * check ({@link HealthReport}: healthy 1, degraded 0.5, unhealthy 0) and every resource reading
 * ({@link MetricSample} of {@value #CPU} or {@value #MEMORY}: 1 up to {@value #RESOURCE_LIMIT},
 * 0 above), of one service or of all. So one unhealthy integration of four scores 0.75, CPU and
 * memory above 90 % pull the score down like two failing checks. 1 before anything was seen.
 *
 * <p>Knobs left out, and why: weights per check (a check that matters more can be registered per
 * dependency, and a custom {@link HealthScore} can weigh anything), and expiry of silent checks (a
 * check that stops reporting keeps its last state, as the health monitor reports each period).
 *
 * <p>Thread-safe: the latest credits are in a concurrent map.
 */
public final class HealthScoreboard implements HealthScore {

    /** The CPU reading scored: {@value}, a share. */
    public static final String CPU = "process.cpu.load";

    /** The memory reading scored: {@value}, a share. */
    public static final String MEMORY = "heap.used.ratio";

    /** The share above which a resource reading counts as unhealthy: {@value}. */
    public static final double RESOURCE_LIMIT = 0.9;

    private static final Set<String> RESOURCES = Set.of(CPU, MEMORY);

    private final String service;
    private final Map<String, Double> credits = new ConcurrentHashMap<>();

    private HealthScoreboard(String service) {
        this.service = service;
    }

    /**
     * A scoreboard of {@code service}, or of every service for {@value DegradationPolicy#SYSTEM}.
     *
     * @throws IllegalArgumentException if {@code service} is blank
     */
    public static HealthScoreboard of(String service) {
        Objects.requireNonNull(service, "service");
        if (service.isBlank()) {
            throw new IllegalArgumentException("service must not be blank");
        }
        return new HealthScoreboard(service);
    }

    /** Takes the signal's state if it is a health report or a resource reading of the service scored. */
    public void observe(Signal signal) {
        if (!service.equals(DegradationPolicy.SYSTEM) && !service.equals(signal.service())) {
            return;
        }
        if (signal instanceof HealthReport report) {
            credits.put(signal.service() + "/check/" + report.check(), credit(report.status()));
        } else if (signal instanceof MetricSample sample && RESOURCES.contains(sample.metric())) {
            credits.put(signal.service() + "/metric/" + sample.metric(), sample.value() > RESOURCE_LIMIT ? 0.0 : 1.0);
        }
    }

    /** Subscribes to {@code bus}; closing the handle unsubscribes. */
    public AutoCloseable attach(SignalBus bus) {
        return bus.subscribe(batch -> batch.forEach(this::observe));
    }

    @Override
    public double score() {
        double sum = 0;
        int n = 0;
        for (double credit : credits.values()) {
            sum += credit;
            n++;
        }
        return n == 0 ? 1 : sum / n;
    }

    private static double credit(HealthStatus status) {
        return switch (status) {
            case HEALTHY -> 1;
            case DEGRADED -> 0.5;
            case UNHEALTHY -> 0;
        };
    }
}
