package io.homeostat.engine.diagnose.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.FailureEvent;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.diagnose.DiagnosisCategory;
import io.homeostat.engine.diagnose.Fact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosisRulesTest {

    private static final Instant T = Instant.parse("2026-03-02T14:00:00Z");

    @Test
    void readsARuleWithEveryKindOfConditionFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("rules.yaml"), """
                version: ops-3
                rules:
                  - name: pg-connection
                    category: database
                    confidence: 0.85
                    severity: high
                    when:
                      - exception-type: "*PSQLException"
                        message-contains: [connection, socket]
                        error-category: [connection_refused, timeout]
                        service: "db:*"
                        kind: failure
                      - message-matches: "too many (clients|connections)"
                      - http-status: [5xx, 429]
                        latency-above: 2s
                      - detection-category: latency
                        metric: "latency.*"
                    causes:
                      - cause: connection pool exhaustion
                        confidence: 0.9
                      - cause: database server down
                """);

        RuleSet set = DiagnosisRules.read(file);

        assertThat(set.version()).isEqualTo("ops-3");
        DiagnosisRule rule = set.rules().getFirst();
        assertThat(rule.name()).isEqualTo("pg-connection");
        assertThat(rule.category()).isEqualTo(DiagnosisCategory.DATABASE);
        assertThat(rule.severity()).isEqualTo(Severity.HIGH);
        assertThat(rule.when()).hasSize(4);
        assertThat(rule.when().getFirst()).hasSize(5);
        assertThat(rule.causes()).containsExactly(new Cause("connection pool exhaustion", 0.9),
                new Cause("database server down", 0.85));

        Fact refused = Fact.of(new FailureEvent("db:primary", ErrorCategory.CONNECTION_REFUSED,
                "org.postgresql.util.PSQLException", "Connection refused", T, Map.of())).orElseThrow();
        assertThat(rule.match(refused)).contains(List.of(
                "exception type org.postgresql.util.PSQLException matches *psqlexception",
                "message contains \"connection\"", "error category connection_refused",
                "service db:primary matches db:*", "a failure"));
        Fact tooMany = Fact.of(new FailureEvent("orders", ErrorCategory.UNKNOWN, "java.sql.SQLException",
                "FATAL: sorry, too many clients already", T, Map.of())).orElseThrow();
        assertThat(rule.match(tooMany)).contains(List.of("message matches /too many (clients|connections)/ at \"too many clients\""));
        Fact otherService = Fact.of(new FailureEvent("cache", ErrorCategory.CONNECTION_REFUSED,
                "org.postgresql.util.PSQLException", "Connection refused", T, Map.of())).orElseThrow();
        assertThat(rule.match(otherService)).isEmpty();
    }

    @Test
    void aConditionMapWithoutAListIsOneGroupAndACauseDefaultsToTheRulesConfidence() {
        RuleSet set = DiagnosisRules.parse("r.yaml", """
                version: v1
                rules:
                  - name: auth
                    category: authentication
                    confidence: 0.7
                    when: {http-status: 401}
                    causes: [{cause: expired token}]
                """);

        DiagnosisRule rule = set.rules().getFirst();
        assertThat(rule.when()).singleElement().asList().singleElement().isInstanceOf(Condition.HttpStatusIn.class);
        assertThat(rule.causes()).containsExactly(new Cause("expired token", 0.7));
        assertThat(rule.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void anUnknownCategoryIsNamedWithItsPlaceAndTheChoices() {
        assertError("""
                version: v1
                rules:
                  - name: x
                    category: disk
                    confidence: 0.5
                    when: {kind: failure}
                    causes: [{cause: y}]
                """, "r.yaml:4:15: rules[0].category: must be one of [api, authentication, configuration, database,"
                + " integration, network, performance, resource], was 'disk'");
    }

    @Test
    void aConfidenceAboveOneIsRejectedNotClamped() {
        assertError("""
                version: v1
                rules:
                  - name: x
                    category: api
                    confidence: 1.5
                    when: {kind: failure}
                    causes: [{cause: y}]
                """, "r.yaml:5:17: rules[0].confidence: must be in [0, 1], was 1.5");
        assertError("""
                version: v1
                rules:
                  - name: x
                    category: api
                    confidence: 0.5
                    when: {kind: failure}
                    causes:
                      - cause: y
                        confidence: -0.2
                """, "r.yaml:9:21: rules[0].causes[0].confidence: must be in [0, 1], was -0.2");
    }

    @Test
    void anUnknownConditionNamesTheKeyAndTheKnownOnes() {
        ConfigException e = error("""
                version: v1
                rules:
                  - name: x
                    category: api
                    confidence: 0.5
                    when:
                      status-code: 500
                    causes: [{cause: y}]
                """);
        assertThat(e.location().line()).isEqualTo(7);
        assertThat(e.path()).isEqualTo("rules[0].when.status-code");
        assertThat(e.problem()).contains("unknown key", "http-status", "message-contains");
    }

    @Test
    void aBadRegularExpressionIsNamedWithItsPlace() {
        ConfigException e = error("""
                version: v1
                rules:
                  - name: x
                    category: api
                    confidence: 0.5
                    when:
                      message-matches: "timed out (after"
                    causes: [{cause: y}]
                """);
        assertThat(e.getMessage()).startsWith("r.yaml:7:").contains("rules[0].when.message-matches",
                "not a valid regular expression");
    }

    @Test
    void badValuesInsideConditionsAreNamedWithTheirPlace() {
        assertThat(error(condition("http-status: [600]")).getMessage())
                .startsWith("r.yaml:7:").contains("rules[0].when.http-status", "100..599 or a class like 5xx, was '600'");
        assertThat(error(condition("latency-above: soon")).getMessage())
                .startsWith("r.yaml:7:").contains("rules[0].when.latency-above", "must be a duration");
        assertThat(error(condition("error-category: [slow]")).getMessage())
                .startsWith("r.yaml:7:").contains("rules[0].when.error-category[0]", "connection_refused");
        assertThat(error(condition("kind: [event]")).getMessage())
                .contains("rules[0].when.kind[0]", "must be one of [circuit, detection, failure, health, outcome]");
        assertThat(error(condition("message-contains: []")).getMessage())
                .contains("rules[0].when.message-contains", "at least one value");
    }

    @Test
    void missingPartsAndDuplicatesAreNamedWithTheirPlace() {
        assertThat(error("version: v1\nrules:\n  - name: x\n    category: api\n    confidence: 0.5\n"
                + "    causes: [{cause: y}]\n").getMessage()).isEqualTo("r.yaml:3:5: rules[0].when: is required but missing");
        assertThat(error("rules: []\n").getMessage()).isEqualTo("r.yaml:1:1: version: is required but missing");
        assertThat(error("version: v1\nrules:\n  - name: x\n    category: api\n    confidence: 0.5\n"
                + "    when: {kind: failure}\n    causes: []\n").getMessage())
                .startsWith("r.yaml:7:13: rules[0].causes: must name at least one cause");
        assertThat(error("version: v1\nrules:\n  - name: x\n    category: api\n    confidence: 0.5\n"
                + "    when: []\n    causes: [{cause: y}]\n").getMessage())
                .startsWith("r.yaml:6:11: rules[0].when: must hold at least one group");
        String twice = "  - name: x\n    category: api\n    confidence: 0.5\n    when: {kind: failure}\n    causes: [{cause: y}]\n";
        assertThat(error("version: v1\nrules:\n" + twice + twice).getMessage())
                .startsWith("r.yaml:8:11: rules[1].name: duplicate rule name; first used at line 3");
    }

    @Test
    void malformedYamlIsNamedWithItsPlace() {
        assertThat(error("version: v1\nrules:\n  - name: [x\n").getMessage()).startsWith("r.yaml:").contains("not valid YAML");
    }

    private static String condition(String line) {
        return """
                version: v1
                rules:
                  - name: x
                    category: api
                    confidence: 0.5
                    when:
                      %s
                    causes: [{cause: y}]
                """.formatted(line);
    }

    private static void assertError(String yaml, String message) {
        assertThat(error(yaml).getMessage()).isEqualTo(message);
    }

    private static ConfigException error(String yaml) {
        try {
            DiagnosisRules.parse("r.yaml", yaml);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("no error for\n" + yaml);
    }

    @Test
    void theDefaultsParse() {
        assertThat(DiagnosisRules.defaults().rules()).hasSizeGreaterThanOrEqualTo(8);
        assertThatThrownBy(() -> new RuleSet(" ", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
