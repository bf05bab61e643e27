package io.homeostat.core.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A group of checks reported as one, e.g. the integrations a feature needs. Members run
 * concurrently, each on its own virtual thread; a member that throws counts as unhealthy. The
 * group is {@link HealthStatus#HEALTHY} when every member is, {@link HealthStatus#DEGRADED} while
 * fewer than half of the members are unhealthy (or some are only degraded), and
 * {@link HealthStatus#UNHEALTHY} when half or more are. Details carry each member's status under
 * {@code member.<name>} and the count under {@code unhealthy} (e.g. {@code 1/4}).
 *
 * <p>Thread-safe if its members are. Interrupting the run cancels the members still running.
 */
public final class CompositeCheck implements HealthCheck {

    private final String name;
    private final Map<String, HealthCheck> members;

    private CompositeCheck(String name, Map<String, HealthCheck> members) {
        this.name = name;
        this.members = members;
    }

    /**
     * A composite of {@code members}, reported in the map's iteration order.
     *
     * @throws IllegalArgumentException if {@code name} is blank or {@code members} is empty
     * @throws NullPointerException if any argument, key or value is null
     */
    public static CompositeCheck of(String name, Map<String, ? extends HealthCheck> members) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(members, "members");
        if (name.isBlank()) {
            throw new IllegalArgumentException("composite check name must not be blank");
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("composite check " + name + " needs at least one member");
        }
        Map<String, HealthCheck> copy = new LinkedHashMap<>();
        members.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "member name"),
                Objects.requireNonNull(value, "member " + key)));
        return new CompositeCheck(name, copy);
    }

    /** The composite's name, used in its messages. */
    public String name() {
        return name;
    }

    /**
     * Runs every member and combines their statuses.
     *
     * @throws InterruptedException if interrupted while waiting for the members
     */
    @Override
    public HealthResult check() throws InterruptedException {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<HealthResult>> runs = new ArrayList<>(members.size());
            for (HealthCheck member : members.values()) {
                runs.add(threads.submit(member::check));
            }
            Map<String, HealthStatus> statuses = new LinkedHashMap<>();
            int i = 0;
            for (String member : members.keySet()) {
                statuses.put(member, statusOf(runs.get(i++)));
            }
            return combine(statuses);
        } finally {
            threads.shutdownNow();
        }
    }

    private static HealthStatus statusOf(Future<HealthResult> run) throws InterruptedException {
        try {
            return run.get().status();
        } catch (ExecutionException e) {
            return HealthStatus.UNHEALTHY;
        }
    }

    private HealthResult combine(Map<String, HealthStatus> statuses) {
        int unhealthy = 0;
        HealthStatus worst = HealthStatus.HEALTHY;
        List<String> failing = new ArrayList<>();
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<String, HealthStatus> member : statuses.entrySet()) {
            details.put("member." + member.getKey(), member.getValue().name());
            worst = worst.worst(member.getValue());
            if (member.getValue() == HealthStatus.UNHEALTHY) {
                unhealthy++;
                failing.add(member.getKey());
            }
        }
        int total = statuses.size();
        details.put("unhealthy", unhealthy + "/" + total);
        HealthStatus status;
        if (unhealthy * 2 >= total) {
            status = HealthStatus.UNHEALTHY;
        } else {
            status = worst == HealthStatus.HEALTHY ? HealthStatus.HEALTHY : HealthStatus.DEGRADED;
        }
        String message = failing.isEmpty() ? "" : name + ": " + unhealthy + " of " + total + " unhealthy " + failing;
        return new HealthResult(status, details, message);
    }
}
