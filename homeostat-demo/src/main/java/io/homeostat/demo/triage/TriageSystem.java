package io.homeostat.demo.triage;

import io.homeostat.core.GuardRegistry;
import io.homeostat.core.control.ProviderRoute;
import io.homeostat.core.time.Clock;
import io.homeostat.demo.upstream.SimulatedDatabase;
import io.homeostat.demo.upstream.Upstream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The clinical triage system's dependencies, started: the upstream HTTP services on loopback,
 * the simulated databases, the provider routes, and the dependency graph between them. Which
 * service calls which is declared here once; the diagnosis reads the same graph. Thread-safe.
 */
public final class TriageSystem implements AutoCloseable {

    public static final String OPENAI = "llm:openai";
    public static final String DEEPSEEK = "llm:deepseek";
    public static final String GEMINI = "llm:gemini";
    public static final String PHARMAGUARD = "pharmaguard";
    public static final String XRAY = "xray_analysis";
    public static final String XRAY_BACKUP = "xray_analysis:backup";
    public static final String CARE_LOCATOR = "care_locator";
    public static final String DB_PRIMARY = "db:primary";
    public static final String DB_REPLICA = "db:replica";
    /** The application itself, in the dependency graph. */
    public static final String TRIAGE = "triage";

    private final Map<String, Upstream> upstreams = new LinkedHashMap<>();
    private final Map<String, SimulatedDatabase> databases = new LinkedHashMap<>();
    private final ProviderRoute llm = ProviderRoute.of("llm", List.of(OPENAI, DEEPSEEK, GEMINI));
    private final ProviderRoute db = ProviderRoute.of("db", List.of(DB_PRIMARY, DB_REPLICA));

    private TriageSystem(Clock clock, long seed) {
        try {
            long s = seed;
            for (String name : List.of(OPENAI, DEEPSEEK, GEMINI, PHARMAGUARD, XRAY, XRAY_BACKUP, CARE_LOCATOR)) {
                upstreams.put(name, Upstream.start(name, clock, s++));
            }
            databases.put(DB_PRIMARY, new SimulatedDatabase(DB_PRIMARY));
            databases.put(DB_REPLICA, new SimulatedDatabase(DB_REPLICA));
            // The drug-interaction checker and the care locator read the clinical database.
            upstreams.get(PHARMAGUARD).dependsOn(databases.get(DB_PRIMARY));
            upstreams.get(CARE_LOCATOR).dependsOn(databases.get(DB_PRIMARY));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts every upstream on an ephemeral loopback port.
     *
     * @param seed seeds the upstreams' error draws
     */
    public static TriageSystem start(Clock clock, long seed) {
        return new TriageSystem(clock, seed);
    }

    /** The HTTP upstreams by name. */
    public Map<String, Upstream> upstreams() {
        return Map.copyOf(upstreams);
    }

    /** The upstream named {@code name}. */
    public Upstream upstream(String name) {
        Upstream upstream = upstreams.get(name);
        if (upstream == null) {
            throw new IllegalArgumentException("no upstream named " + name + " (known: " + upstreams.keySet() + ")");
        }
        return upstream;
    }

    /** The databases by name. */
    public Map<String, SimulatedDatabase> databases() {
        return Map.copyOf(databases);
    }

    /** The route of the AI providers, in failover order. */
    public ProviderRoute llmRoute() {
        return llm;
    }

    /** The route of the database reads: primary, then the read replica. */
    public ProviderRoute dbRoute() {
        return db;
    }

    /** Every service a fault may target. */
    public Set<String> services() {
        Set<String> all = new TreeSet<>(upstreams.keySet());
        all.addAll(databases.keySet());
        return all;
    }

    /** Who calls whom: the application calls every dependency; some upstreams call the database. */
    public Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> edges = new TreeMap<>();
        edges.put(TRIAGE, new TreeSet<>(services()));
        upstreams.forEach((name, upstream) -> upstream.dependencies().forEach(
                d -> edges.computeIfAbsent(name, n -> new TreeSet<>()).add(d.name())));
        return edges;
    }

    /** The reverse of {@link #dependencies()} without the application: per service, the upstreams calling it. */
    public Map<String, Set<String>> dependents() {
        Map<String, Set<String>> reverse = new TreeMap<>();
        dependencies().forEach((caller, callees) -> {
            if (!caller.equals(TRIAGE)) {
                callees.forEach(callee -> reverse.computeIfAbsent(callee, c -> new TreeSet<>()).add(caller));
            }
        });
        return reverse;
    }

    /**
     * Calls every upstream {@code calls} times directly (no guard), so that the first guarded
     * calls do not meet a cold JIT, cold connections and cold handlers and time out for it.
     *
     * @return how many warm-up calls failed
     */
    public int warmUp(int calls) throws InterruptedException {
        UpstreamClient client = new UpstreamClient(java.time.Duration.ofSeconds(10));
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (Upstream upstream : upstreams.values()) {
                for (int i = 0; i < calls; i++) {
                    String key = "warm" + (i % 20);
                    executor.execute(() -> {
                        try {
                            client.answer(upstream.uri(), key);
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    });
                }
            }
        }
        return failed.get();
    }

    /** Guard configs for these dependencies, registered into {@code guards} (replacing what was there). */
    public void configure(GuardRegistry guards) {
        GuardSettings.apply(guards, services());
    }

    @Override
    public void close() {
        upstreams.values().forEach(Upstream::close);
    }
}
