package io.homeostat.demo;

import io.homeostat.core.CallContext;
import io.homeostat.core.Criticality;
import io.homeostat.core.Guard;
import io.homeostat.core.OperationType;
import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitBreakerConfig;
import io.homeostat.core.breaker.SlidingWindowType;
import io.homeostat.core.classify.HttpStatusException;
import io.homeostat.core.fallback.Fallback;
import io.homeostat.core.fallback.FallbackFailedException;
import io.homeostat.core.fallback.ResultCache;
import io.homeostat.core.fallback.Served;
import io.homeostat.core.record.OperationSnapshot;
import io.homeostat.core.retry.Backoff;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.time.Clock;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kernel tour: an imaging service calls an AI provider through a guard while the provider
 * goes down and comes back. The breaker opens, an alternative provider answers, then the cache
 * (stale, with a warning), then "queued for manual review"; a life-critical call is refused with
 * guidance instead of cached data; the provider recovers and the breaker closes.
 */
public final class KernelTour {

    private static final int CALLS_PER_SECOND = 50;

    private final Clock clock;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    KernelTour(Clock clock, PrintStream out) {
        this.clock = clock;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int seconds = 16;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--seconds") && i + 1 < args.length) {
                seconds = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: ./homeostat demo --tour [--seconds N]   (N >= 8, default 16)");
                System.exit(2);
            }
        }
        if (seconds < 8) {
            System.err.println("demo: --seconds must be at least 8, was " + seconds);
            System.exit(2);
        }
        TourReport report = new KernelTour(Clock.system(), System.out).run(seconds);
        System.exit(report.unguidedErrors() == 0 ? 0 : 1);
    }

    TourReport run(int seconds) throws Exception {
        try (FakeProvider openai = FakeProvider.start("llm:openai");
                FakeProvider deepseek = FakeProvider.start("llm:deepseek")) {
            List<String> transitions = new CopyOnWriteArrayList<>();
            CircuitBreaker breaker = CircuitBreaker.builder("llm:openai").clock(clock)
                    .config(CircuitBreakerConfig.builder().slidingWindow(SlidingWindowType.COUNT_BASED, 20)
                            .minimumNumberOfCalls(10).failureRateThreshold(50).resetTimeout(Duration.ofSeconds(2))
                            .successThreshold(2).build())
                    .onTransition(t -> transitions.add(describe(t)))
                    .build();
            Guard guard = Guard.builder("llm:openai").clock(clock).circuitBreaker(breaker)
                    .retry(Retry.builder().maxAttempts(2).backoff(Backoff.fixed(Duration.ofMillis(20))).build())
                    .timeout(Duration.ofSeconds(2))
                    .build();
            Fallback<String> imaging = Fallback.<String>builder(clock).name("xray_analysis")
                    .alternative("llm:deepseek", () -> fetch(deepseek.uri()))
                    .cached(ResultCache.inMemory(1_000), Duration.ofMinutes(10))
                    .staticValue("manual-review", "queued for manual review")
                    .build();
            Fallback<String> interactions = Fallback.<String>builder(clock).name("pharmaguard")
                    .alternative("llm:deepseek", () -> fetch(deepseek.uri()))
                    .guidance("Drug-interaction check unavailable: do not prescribe without a pharmacist's manual check")
                    .build();

            out.printf("Homeostat kernel tour: %d s, %d calls/s to %s through a guard%n", seconds, CALLS_PER_SECOND, openai.uri());
            out.printf("%5s  %-28s %6s %8s %8s %6s %7s %9s  %s%n",
                    "t(s)", "phase", "calls", "primary", "deepseek", "cache", "review", "unguided", "breaker");
            Map<String, Long> servedBy = new TreeMap<>();
            long unguided = 0;
            String guidance = "";
            for (int second = 0; second < seconds; second++) {
                String phase = phase(second, seconds, openai, deepseek);
                Map<String, Long> thisSecond = new TreeMap<>();
                long unguidedThisSecond = 0;
                long tick = clock.monotonicNanos();
                for (int i = 0; i < CALLS_PER_SECOND; i++) {
                    // Most calls re-read one of ten recent studies; every fifth is a study never seen.
                    String key = i % 5 == 4 ? "new-study-" + second + "-" + i : "study-" + (i % 10);
                    CallContext study = CallContext.of(OperationType.INFORMATIONAL, Criticality.HIGH).withCacheKey(key);
                    try {
                        Served<String> served = guard.execute(study, () -> fetch(openai.uri()), imaging);
                        thisSecond.merge(served.tier(), 1L, Long::sum);
                    } catch (FallbackFailedException e) {
                        unguidedThisSecond += e.guidance().isBlank() ? 1 : 0;
                    }
                    long next = tick + (i + 1) * 1_000_000_000L / CALLS_PER_SECOND;
                    long wait = next - clock.monotonicNanos();
                    if (wait > 0) {
                        clock.sleep(Duration.ofNanos(wait));
                    }
                }
                if (second == outageStart(seconds) + 1) {
                    guidance = lifeCriticalCall(guard, interactions, openai, deepseek);
                }
                thisSecond.forEach((tier, n) -> servedBy.merge(tier, n, Long::sum));
                unguided += unguidedThisSecond;
                out.printf("%5d  %-28s %6d %8d %8d %6d %7d %9d  %s%n", second + 1, phase, CALLS_PER_SECOND,
                        thisSecond.getOrDefault("primary", 0L), thisSecond.getOrDefault("llm:deepseek", 0L),
                        thisSecond.getOrDefault("cache", 0L), thisSecond.getOrDefault("manual-review", 0L),
                        unguidedThisSecond, breaker.state());
            }
            TourReport report = new TourReport(servedBy, unguided, List.copyOf(transitions), guidance, breaker.state());
            print(report, guard);
            return report;
        }
    }

    private static int outageStart(int seconds) {
        return seconds / 4;
    }

    /** Healthy, then openai down, then both providers down, then both back. */
    private static String phase(int second, int seconds, FakeProvider openai, FakeProvider deepseek) {
        int outage = outageStart(seconds);
        int bothDown = seconds * 9 / 16;
        int recovery = seconds * 3 / 4;
        openai.down(second >= outage && second < recovery);
        deepseek.down(second >= bothDown && second < recovery);
        if (second < outage) {
            return "healthy";
        }
        if (second < bothDown) {
            return "openai down (503)";
        }
        if (second < recovery) {
            return "openai and deepseek down";
        }
        return "both providers back";
    }

    /** A prescriptive, life-critical call during the outage: no fallback, explicit guidance. */
    private String lifeCriticalCall(Guard guard, Fallback<String> interactions, FakeProvider openai, FakeProvider deepseek) {
        CallContext prescription = CallContext.of(OperationType.PRESCRIPTIVE, Criticality.LIFE_CRITICAL);
        try {
            guard.call(prescription, () -> fetch(openai.uri()), interactions);
            return "(the call succeeded)";
        } catch (FallbackFailedException e) {
            out.println("       life-critical drug-interaction check refused a fallback: " + e.guidance());
            return e.guidance();
        }
    }

    private String fetch(URI uri) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new HttpStatusException(response.statusCode(), "provider answered " + response.statusCode());
        }
        return response.body();
    }

    private void print(TourReport report, Guard guard) {
        out.println();
        out.println("Breaker transitions: " + String.join(", ", report.transitions()));
        out.println("Answers by tier:     " + report.servedBy());
        out.println("Unguided errors:     " + report.unguidedErrors() + " of " + report.calls() + " calls");
        OperationSnapshot total = guard.recorder().total();
        out.printf("Guard recorded:      %d attempts (%d ok, %d failed), %d retries, %d rejected by the open circuit,"
                + " p50 %.1f ms, p99 %.1f ms%n", total.attempts(), total.successes(), total.failures(), total.retries(),
                total.rejected(), total.p50Nanos() / 1e6, total.p99Nanos() / 1e6);
    }

    private static String describe(CircuitTransition transition) {
        return transition.from() + "->" + transition.to() + " (" + transition.reason() + ")";
    }
}
