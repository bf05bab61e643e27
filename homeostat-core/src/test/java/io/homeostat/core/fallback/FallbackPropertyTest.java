package io.homeostat.core.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.OperationType;
import io.homeostat.core.safety.SafetyDecision;
import io.homeostat.core.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random tier configurations under every operation type and criticality, checked against an
 * independent statement of the default rules: no forbidden tier ever serves or is ever invoked,
 * and the first tier that may and can serve is the one that does.
 */
class FallbackPropertyTest {

    private static final long SEED = 20260101L;
    private static final int CONFIGURATIONS_PER_CONTEXT = 300;
    private static final Duration MAX_STALENESS = Duration.ofMinutes(5);
    private static final TierKind[] FALLBACK_KINDS = {TierKind.ALTERNATIVE, TierKind.CACHED, TierKind.DEGRADED, TierKind.STATIC};

    /** One random tier and what it will do. */
    private record Plan(String name, TierKind kind, boolean hasCheck, boolean checkPasses, boolean throwsOrMisses) {}

    @Test
    void noForbiddenTierEverServesOrIsInvoked() {
        Random random = new Random(SEED);
        int served = 0;
        int failed = 0;
        for (OperationType operation : OperationType.values()) {
            for (Criticality criticality : Criticality.values()) {
                for (int n = 0; n < CONFIGURATIONS_PER_CONTEXT; n++) {
                    if (runOne(random, operation, criticality)) {
                        served++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        // The generator must exercise both ends, or the property proves little.
        assertThat(served).isGreaterThan(1_000);
        assertThat(failed).isGreaterThan(1_000);
    }

    private boolean runOne(Random random, OperationType operation, Criticality criticality) {
        ManualClock clock = ManualClock.create();
        boolean withKey = random.nextInt(4) > 0;
        CallContext context = withKey
                ? CallContext.of(operation, criticality).withCacheKey("k")
                : CallContext.of(operation, criticality);
        List<Plan> plans = randomPlans(random);
        CountingCache<Integer> cache = new CountingCache<>();
        List<CountingSupplier<Integer>> suppliers = new ArrayList<>();
        FallbackBuilder<Integer> builder = Fallback.builder(clock);
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            int value = i;
            CountingSupplier<Integer> supplier = plan.throwsOrMisses()
                    ? CountingSupplier.throwing(new IOException(plan.name() + " down"))
                    : CountingSupplier.answering(value);
            suppliers.add(supplier);
            switch (plan.kind()) {
                case ALTERNATIVE -> builder.alternative(plan.name(), supplier);
                case DEGRADED -> builder.degraded(plan.name(), supplier);
                case STATIC -> builder.staticValue(plan.name(), value);
                case CACHED -> {
                    builder.cached(cache, MAX_STALENESS);
                    cache.put("k", value, clock.instant());
                }
                case PRIMARY -> throw new AssertionError();
            }
            if (plan.hasCheck()) {
                builder.validatedBy("check-" + i, v -> plan.checkPasses());
            }
        }
        boolean cacheTooStale = plans.stream().anyMatch(p -> p.kind() == TierKind.CACHED && p.throwsOrMisses());
        clock.advance(cacheTooStale ? MAX_STALENESS.plusSeconds(1) : MAX_STALENESS.minusSeconds(1));
        List<SafetyDecision> decisions = new ArrayList<>();
        Fallback<Integer> fallback = builder.onDecision(decisions::add).build();

        int expected = expectedServer(plans, context);
        Served<Integer> result;
        try {
            result = fallback.serve(context, new IOException("primary down"));
        } catch (FallbackFailedException e) {
            result = null;
            assertThat(expected).as("%s %s: nothing may and can serve", context, plans).isEqualTo(-1);
            assertThat(e.attempts()).hasSize(plans.size());
        }
        String where = context + " " + plans;
        if (result != null) {
            assertThat(result.value()).as(where).isEqualTo(expected);
            Plan server = plans.get(result.value());
            assertThat(criticality).as(where).isNotEqualTo(Criticality.LIFE_CRITICAL);
            if (operation == OperationType.PRESCRIPTIVE) {
                assertThat(result.kind()).as(where).isNotEqualTo(TierKind.CACHED);
            }
            if (operation == OperationType.DIAGNOSTIC) {
                assertThat(server.hasCheck() && server.checkPasses()).as(where).isTrue();
            }
            assertThat(result.stale()).isEqualTo(result.kind() == TierKind.CACHED);
        }
        int reached = result == null ? plans.size() : result.value() + 1;
        assertThat(decisions).as(where).hasSize(reached);
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            boolean invokedExpected = i < reached && allowed(plan, context);
            if (plan.kind() == TierKind.CACHED) {
                // Without a key, an allowed cached tier skips before reading the cache.
                int expectedReads = invokedExpected && context.hasCacheKey() ? 1 : 0;
                assertThat(cache.gets.get()).as("cache reads in %s", where).isEqualTo(expectedReads);
            } else if (plan.kind() != TierKind.STATIC) { // a static value has no observable invocation
                int expectedCalls = invokedExpected ? 1 : 0;
                assertThat(suppliers.get(i).calls.get()).as("calls of %s in %s", plan, where).isEqualTo(expectedCalls);
            }
            if (i < reached) {
                assertThat(decisions.get(i).allowed()).as(where).isEqualTo(allowed(plan, context));
            }
        }
        return result != null;
    }

    private static List<Plan> randomPlans(Random random) {
        int count = random.nextInt(6);
        List<Plan> plans = new ArrayList<>();
        boolean cacheAdded = false;
        for (int i = 0; i < count; i++) {
            TierKind kind = FALLBACK_KINDS[random.nextInt(FALLBACK_KINDS.length)];
            if (kind == TierKind.CACHED && cacheAdded) {
                kind = TierKind.ALTERNATIVE;
            }
            cacheAdded |= kind == TierKind.CACHED;
            String name = kind == TierKind.CACHED ? FallbackBuilder.CACHE_TIER : "t" + i;
            boolean failing = kind != TierKind.STATIC && random.nextInt(3) == 0;
            plans.add(new Plan(name, kind, random.nextBoolean(), random.nextInt(4) > 0, failing));
        }
        return plans;
    }

    /** The default rules, restated independently of SafetyPolicy. */
    private static boolean allowed(Plan plan, CallContext context) {
        if (context.criticality() == Criticality.LIFE_CRITICAL) {
            return false;
        }
        if (context.operationType() == OperationType.PRESCRIPTIVE && plan.kind() == TierKind.CACHED) {
            return false;
        }
        return context.operationType() != OperationType.DIAGNOSTIC || plan.hasCheck();
    }

    private static int expectedServer(List<Plan> plans, CallContext context) {
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            boolean produces = !plan.throwsOrMisses() && (plan.kind() != TierKind.CACHED || context.hasCacheKey());
            if (allowed(plan, context) && produces && (!plan.hasCheck() || plan.checkPasses())) {
                return i;
            }
        }
        return -1;
    }
}
