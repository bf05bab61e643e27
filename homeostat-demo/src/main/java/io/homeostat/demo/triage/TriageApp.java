package io.homeostat.demo.triage;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.Guard;
import io.homeostat.core.GuardRegistry;
import io.homeostat.core.OperationType;
import io.homeostat.core.fallback.Fallback;
import io.homeostat.core.fallback.FallbackFailedException;
import io.homeostat.core.fallback.ResultCache;
import io.homeostat.core.fallback.Served;
import io.homeostat.core.fallback.TierKind;
import io.homeostat.core.time.Clock;
import io.homeostat.demo.report.CallRecord.Outcome;
import io.homeostat.demo.report.RunRecorder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The clinical triage application: each request asks an AI provider for a triage summary, checks
 * the prescription with pharmaguard, sometimes has an X-ray analysed and looks up nearby care,
 * and writes a clinical audit record. Every call goes through a guard with a call context; the
 * safety policy decides what may answer when a dependency fails:
 *
 * <ul>
 *   <li>{@code llm}: the provider the route names, then the other providers, then a 10 min cache,
 *       then "summarise by protocol";</li>
 *   <li>{@code pharmaguard} (prescriptive, life-critical): never a cache or any fallback, an
 *       explicit failure with guidance;</li>
 *   <li>{@code xray_analysis} (diagnostic): the backup provider, then a cache of up to 10 min
 *       (stale, with a warning), then "queued for manual review", each with an integrity check;</li>
 *   <li>{@code care_locator} (informational, low): a cache of up to 1 h, then "try again later";</li>
 *   <li>{@code db}: reads from the route's database (primary, then replica); the audit record goes
 *       through the {@link AuditOutbox}, so none is lost while the database is away.</li>
 * </ul>
 *
 * <p>It records every call's outcome, and checks on its own that nothing served broke the policy.
 * Thread-safe.
 */
public final class TriageApp {

    static final String PHARMA_GUIDANCE = "Drug-interaction check unavailable: do not prescribe; ask the pharmacist "
            + "to check interactions manually and retry in a minute.";
    static final String XRAY_GUIDANCE = "Imaging analysis unavailable: the study is queued for manual review by radiology.";
    static final Duration XRAY_MAX_STALENESS = Duration.ofMinutes(10);

    private final TriageSystem system;
    private final GuardRegistry guards;
    private final UpstreamClient client = new UpstreamClient(Duration.ofSeconds(5));
    private final RunRecorder recorder;
    private final Clock clock;
    private final AuditOutbox outbox;
    private final Map<String, Fallback<String>> llmFallbacks = new HashMap<>();
    private final Fallback<String> pharma;
    private final Fallback<String> xray;
    private final Fallback<String> care;
    private final Map<String, Fallback<String>> dbFallbacks = new HashMap<>();
    private final SplittableRandom random;
    private final boolean guarded;

    /** The application over {@code system}, calling through {@code guards}, recording into {@code recorder}. */
    public TriageApp(TriageSystem system, GuardRegistry guards, RunRecorder recorder, AuditOutbox outbox, Clock clock,
            long seed) {
        this(system, guards, recorder, outbox, clock, seed, true);
    }

    /**
     * The same application calling every dependency directly: the same requests, the same HTTP
     * client and the same draws of {@code seed}, but no guard, no fallback and nothing recorded
     * into the kernel; a call that fails is an unguided error. The baseline the kernel's CPU
     * overhead is measured against ({@code io.homeostat.bench.overhead.KernelOverhead}); give it
     * an outbox made by {@link AuditOutbox#direct}.
     */
    public static TriageApp unguarded(TriageSystem system, RunRecorder recorder, AuditOutbox outbox, Clock clock,
            long seed) {
        // The fallbacks are built as usual but never run: only the guarded path calls them.
        return new TriageApp(system, GuardRegistry.builder().clock(clock).build(), recorder, outbox, clock, seed, false);
    }

    private TriageApp(TriageSystem system, GuardRegistry guards, RunRecorder recorder, AuditOutbox outbox, Clock clock,
            long seed, boolean guarded) {
        this.guarded = guarded;
        this.system = system;
        this.guards = guards;
        this.recorder = recorder;
        this.clock = clock;
        this.outbox = outbox;
        this.random = new SplittableRandom(seed);
        ResultCache<String> llmCache = ResultCache.inMemory(10_000);
        for (String provider : system.llmRoute().providers()) {
            var builder = Fallback.<String>builder(clock).name(provider);
            for (String other : system.llmRoute().providers()) {
                if (!other.equals(provider)) {
                    builder.alternative(other, () -> guards.guard(other).call(() -> fetch(other, "summary")));
                }
            }
            llmFallbacks.put(provider, builder.cached(llmCache, Duration.ofMinutes(10))
                    .staticValue("summarise-by-protocol", "{\"answer\":\"AI summary unavailable: triage by protocol\"}")
                    .guidance("AI triage summary unavailable: triage by the written protocol.").build());
        }
        this.pharma = Fallback.<String>builder(clock).name(TriageSystem.PHARMAGUARD)
                .cached(ResultCache.inMemory(10_000), Duration.ofMinutes(10))
                .degraded("assume-no-interaction", () -> "{\"interactions\":[]}")
                .guidance(PHARMA_GUIDANCE).build();
        this.xray = Fallback.<String>builder(clock).name(TriageSystem.XRAY)
                .validatePrimary("confidence", TriageApp::confident)
                .alternative(TriageSystem.XRAY_BACKUP,
                        () -> guards.guard(TriageSystem.XRAY_BACKUP).call(() -> fetch(TriageSystem.XRAY_BACKUP, "study")))
                .validatedBy("confidence", TriageApp::confident)
                .cached(ResultCache.inMemory(10_000), XRAY_MAX_STALENESS).validatedBy("confidence", TriageApp::confident)
                .degraded("manual-review", () -> "{\"status\":\"queued for manual review\"}")
                .validatedBy("queued", s -> s.contains("queued for manual review"))
                .guidance(XRAY_GUIDANCE).build();
        this.care = Fallback.<String>builder(clock).name(TriageSystem.CARE_LOCATOR)
                .cached(ResultCache.inMemory(10_000), Duration.ofHours(1))
                .staticValue("try-again-later", "{\"answer\":\"Care locator unavailable: try again later\"}")
                .guidance("Care locator unavailable: try again later.").build();
        for (String database : system.dbRoute().providers()) {
            String other = database.equals(TriageSystem.DB_PRIMARY) ? TriageSystem.DB_REPLICA : TriageSystem.DB_PRIMARY;
            dbFallbacks.put(database, Fallback.<String>builder(clock).name(database)
                    .alternative(other, () -> guards.guard(other).call(() -> system.databases().get(other).select("p")))
                    .guidance("Patient record unavailable: use the paper chart.").build());
        }
    }

    private static boolean confident(String answer) {
        return answer.contains("\"confidence\":0.9") || answer.contains("queued for manual review");
    }

    private String fetch(String service, String key) throws Exception {
        return client.answer(system.upstream(service).uri(), key);
    }

    /** One triage request for a patient; returns whether every call got an answer. */
    public boolean triage() {
        int patient;
        boolean imaging;
        boolean locate;
        synchronized (random) {
            patient = random.nextInt(200);
            imaging = random.nextInt(10) < 3;
            locate = random.nextInt(10) < 3;
        }
        String id = "p" + patient;
        boolean ok = true;
        String dbNow = system.dbRoute().current();
        ok &= call("db", dbNow, CallContext.of(OperationType.INFORMATIONAL, Criticality.HIGH),
                () -> system.databases().get(dbNow).select(id), dbFallbacks.get(dbNow));
        String provider = system.llmRoute().current();
        ok &= call("llm", provider, CallContext.of(OperationType.INFORMATIONAL, Criticality.MEDIUM).withCacheKey(id),
                () -> fetch(provider, id), llmFallbacks.get(provider));
        ok &= call(TriageSystem.PHARMAGUARD, TriageSystem.PHARMAGUARD,
                CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LIFE_CRITICAL).withCacheKey(id),
                () -> fetch(TriageSystem.PHARMAGUARD, id), pharma);
        if (imaging) {
            ok &= call(TriageSystem.XRAY, TriageSystem.XRAY, CallContext.of(OperationType.DIAGNOSTIC, Criticality.HIGH)
                    .withCacheKey(id), () -> fetch(TriageSystem.XRAY, id), xray);
        }
        if (locate) {
            String region = "r" + (patient % 20);
            ok &= call(TriageSystem.CARE_LOCATOR, TriageSystem.CARE_LOCATOR,
                    CallContext.of(OperationType.INFORMATIONAL, Criticality.LOW).withCacheKey(region),
                    () -> fetch(TriageSystem.CARE_LOCATOR, region), care);
        }
        outbox.write("triage " + id + " at " + clock.instant());
        recorder.request(ok);
        return ok;
    }

    private boolean call(String group, String service, CallContext context,
            io.homeostat.core.CheckedSupplier<String> supplier, Fallback<String> fallback) {
        if (!guarded) {
            return callDirectly(group, supplier);
        }
        Guard guard = guards.guard(service);
        long start = clock.monotonicNanos();
        try {
            Served<String> served = guard.execute(context, supplier, fallback);
            long micros = (clock.monotonicNanos() - start) / 1000;
            recorder.call(group, served.isFallback() ? Outcome.FALLBACK : Outcome.PRIMARY, served.tier(), micros,
                    violates(context, served));
            return true;
        } catch (FallbackFailedException e) {
            boolean guided = e.guidance() != null && !e.guidance().isBlank();
            recorder.call(group, guided ? Outcome.GUIDED_ERROR : Outcome.UNGUIDED_ERROR, "",
                    (clock.monotonicNanos() - start) / 1000, false);
            return false;
        } catch (RuntimeException e) {
            recorder.call(group, Outcome.UNGUIDED_ERROR, "", (clock.monotonicNanos() - start) / 1000, false);
            return false;
        }
    }

    private boolean callDirectly(String group, io.homeostat.core.CheckedSupplier<String> supplier) {
        long start = clock.monotonicNanos();
        try {
            supplier.get();
            recorder.call(group, Outcome.PRIMARY, Served.PRIMARY_TIER, (clock.monotonicNanos() - start) / 1000, false);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.call(group, Outcome.UNGUIDED_ERROR, "", (clock.monotonicNanos() - start) / 1000, false);
            return false;
        } catch (Exception e) {
            recorder.call(group, Outcome.UNGUIDED_ERROR, "", (clock.monotonicNanos() - start) / 1000, false);
            return false;
        }
    }

    /** The application's own check of the safety policy, independent of the kernel's. */
    static boolean violates(CallContext context, Served<String> served) {
        if (!served.isFallback()) {
            return false;
        }
        if (context.criticality() == Criticality.LIFE_CRITICAL) {
            return true;
        }
        if (context.operationType() == OperationType.PRESCRIPTIVE && served.kind() == TierKind.CACHED) {
            return true;
        }
        return context.operationType() == OperationType.DIAGNOSTIC && served.kind() == TierKind.CACHED
                && served.age().compareTo(XRAY_MAX_STALENESS) > 0;
    }

    /** The tiers each fallback tries, for the startup banner. */
    public List<String> describe() {
        return List.of("llm: " + llmFallbacks.get(system.llmRoute().current()).tierNames(),
                "pharmaguard: " + pharma.tierNames() + " (the safety policy denies them all: life-critical)",
                "xray_analysis: " + xray.tierNames(), "care_locator: " + care.tierNames());
    }
}
