package io.homeostat.engine.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.rule.DiagnosisRule;
import io.homeostat.engine.diagnose.rule.DiagnosisRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each default category fires on the failures real services produce, and wins over its neighbours. */
class DefaultRulesTest {

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-03-02T14:00:00Z"));
    private final Trouble trouble = new Trouble(clock);

    @Test
    void theDefaultRulesCoverEveryCategory() {
        Set<DiagnosisCategory> covered = DiagnosisRules.defaults().rules().stream().map(DiagnosisRule::category)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DiagnosisCategory.class)));

        assertThat(covered).containsExactlyInAnyOrder(DiagnosisCategory.values());
        assertThat(DiagnosisRules.defaults().version()).isEqualTo("default-1");
    }

    @Test
    void aRejectedApiKeyIsAuthentication() {
        Diagnosis d = diagnose("llm:openai", List.of(trouble.failure("llm:openai", ErrorCategory.UNKNOWN, "http.401",
                "Incorrect API key provided: sk-abc***. You can find your API key at https://platform.openai.com")));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.AUTHENTICATION);
        assertThat(d.causes().getFirst().cause()).isEqualTo("invalid or expired credentials");
        assertThat(d.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void aRefusedDatabaseConnectionIsDatabaseNotNetwork() {
        Diagnosis d = diagnose("db:primary", List.of(trouble.failure("db:primary", ErrorCategory.CONNECTION_REFUSED,
                "org.postgresql.util.PSQLException",
                "Connection to 127.0.0.1:5432 refused. Check that the hostname and port are correct")));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.DATABASE);
        assertThat(d.causes().getFirst().cause()).isEqualTo("connection pool exhaustion");
        assertThat(d.causes().getFirst().confidence()).isEqualTo(0.85);
        assertThat(d.explanations()).extracting(Explanation::rule).contains("database-connection", "network-connection");
    }

    @Test
    void hikariRunningDryIsPoolExhaustion() {
        Diagnosis d = diagnose("db:orders", List.of(trouble.failure("db:orders", ErrorCategory.TIMEOUT,
                "java.sql.SQLTransientConnectionException",
                "HikariPool-1 - Connection is not available, request timed out after 30000ms.")));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.DATABASE);
        assertThat(d.causes().getFirst().cause()).isEqualTo("connection pool exhaustion");
        assertThat(d.causes().getFirst().rules()).containsExactly("database-connection", "database-pool-exhausted");
        assertThat(d.causes().getFirst().confidence()).isGreaterThan(0.9).isLessThanOrEqualTo(1);
    }

    @Test
    void aServerErrorFromARemoteApiIsApi() {
        Diagnosis d = diagnose("payments-api", List.of(
                trouble.failure("payments-api", ErrorCategory.UNAVAILABLE, "http.502", "Bad Gateway"),
                trouble.failure("payments-api", ErrorCategory.UNAVAILABLE, "io.homeostat.core.classify.HttpStatusException",
                        "upstream answered 500", Map.of("http.status", "500"))));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.API);
    }

    @Test
    void tooManyRequestsIsApiRateLimit() {
        Diagnosis d = diagnose("llm:anthropic", List.of(trouble.failure("llm:anthropic", ErrorCategory.RATE_LIMIT,
                "http.429", "rate_limit_error: Number of requests has exceeded your per-minute rate limit")));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.API);
        assertThat(d.causes().getFirst().cause()).isEqualTo("rate limit exceeded");
    }

    @Test
    void slowCallsAndALatencyDetectionArePerformance() {
        Diagnosis d = diagnose("search", List.of(
                trouble.outcome("search", OperationOutcome.Status.TIMEOUT, ErrorCategory.TIMEOUT, Duration.ofSeconds(5)),
                trouble.outcome("search", OperationOutcome.Status.FAILURE, ErrorCategory.TIMEOUT, Duration.ofMillis(2500))),
                List.of(trouble.threshold("search", "latency.p95", "latency", 4200, Severity.MEDIUM)));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.PERFORMANCE);
        assertThat(d.causes().getFirst().cause()).isEqualTo("slow dependency or query");
        assertThat(d.explanations()).extracting(Explanation::rule).contains(
                "performance-latency-detection", "performance-slow-calls", "performance-timeouts");
    }

    @Test
    void anOpenCircuitAndAFailingHealthCheckAreIntegration() {
        Diagnosis d = diagnose("crm", List.of(trouble.circuitOpened("crm"), trouble.unhealthy("crm", "crm-ping")));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.INTEGRATION);
        assertThat(d.causes().getFirst().cause()).isEqualTo("dependency unavailable");
    }

    @Test
    void anOutOfMemoryErrorIsResourceAndCritical() {
        Diagnosis d = diagnose("reports", List.of(trouble.failure("reports", ErrorCategory.UNKNOWN,
                "java.lang.OutOfMemoryError", "Java heap space")));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.RESOURCE);
        assertThat(d.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(d.causes().getFirst().cause()).isEqualTo("memory leak");
    }

    @Test
    void aHeapDetectionIsResource() {
        Diagnosis d = diagnose("reports", List.of(),
                List.of(trouble.threshold("reports", "heap.used.ratio", "resource", 0.93, Severity.HIGH)));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.RESOURCE);
    }

    @Test
    void anUnresolvedPlaceholderIsConfiguration() {
        Diagnosis d = diagnose("triage", List.of(trouble.failure("triage", ErrorCategory.UNKNOWN,
                "java.lang.IllegalArgumentException", "Could not resolve placeholder 'openai.api.key' in value \"${openai.api.key}\"")));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.CONFIGURATION);
    }

    @Test
    void anUnknownHostIsNetwork() {
        Diagnosis d = diagnose("llm:openai", List.of(trouble.failure("llm:openai", ErrorCategory.DNS_ERROR,
                "java.net.UnknownHostException", "api.openai.com: Name or service not known")));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.NETWORK);
        assertThat(d.causes().getFirst().cause()).isEqualTo("DNS resolution failing");
    }

    @Test
    void aResetConnectionToAnApiIsNetwork() {
        Diagnosis d = diagnose("pharmaguard", List.of(trouble.failure("pharmaguard", ErrorCategory.CONNECTION_REFUSED,
                "java.net.SocketException", "Connection reset")));

        assertThat(d.category()).isEqualTo(DiagnosisCategory.NETWORK);
    }

    private Diagnosis diagnose(String service, List<Signal> signals) {
        return diagnose(service, signals, List.of());
    }

    private Diagnosis diagnose(String service, List<Signal> signals, List<Detection> detections) {
        RecentSignals recent = RecentSignals.create(RecentSignalsConfig.ofDefaults(), clock);
        signals.forEach(recent::observe);
        Diagnoser diagnoser = Diagnoser.builder(DiagnosisRules.defaults()).signals(recent).clock(clock).build();
        Diagnosis diagnosis = diagnoser.diagnose(trouble.incident(Severity.MEDIUM, service), new ArrayList<>(detections));
        assertThat(diagnosis.rootService()).isEqualTo(service);
        assertThat(diagnosis.confidence()).isBetween(0.0, 1.0);
        return diagnosis;
    }
}
