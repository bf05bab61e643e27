package io.homeostat.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.OperationType;
import io.homeostat.engine.config.ConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowReaderTest {

    @Test
    void readsEveryFieldOfAWorkflow() {
        List<Workflow> workflows = WorkflowReader.read("w.yaml", """
                workflows:
                  - name: db
                    trigger: health_check_failed
                    services: "db:*"
                    categories: [database]
                    priority: 7
                    timeout: 5m
                    context: {operation: prescriptive, criticality: high}
                    steps:
                      - name: probe
                        action: reprobe
                        attempts: 3
                        backoff: 2s
                        on_failure: continue
                      - name: replica
                        action: failover
                        params: {route: db}
                        success: [{metric: error_rate, below: 0.01, for: 30s}]
                        delay: 10s
                    rollback:
                      - {name: tell, action: alert}
                """);

        Workflow db = workflows.getFirst();
        assertThat(db.triggers()).containsExactly(TriggerType.HEALTH_CHECK_FAILED);
        assertThat(db.matches(TriggerType.HEALTH_CHECK_FAILED, "db:primary", "database")).isTrue();
        assertThat(db.matches(TriggerType.HEALTH_CHECK_FAILED, "db:primary", "network")).isFalse();
        assertThat(db.matches(TriggerType.CIRCUIT_OPEN, "db:primary", "database")).isFalse();
        assertThat(db.priority()).isEqualTo(7);
        assertThat(db.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(db.context().operationType()).isEqualTo(OperationType.PRESCRIPTIVE);
        WorkflowStep probe = db.steps().get(0);
        assertThat(probe.attempts()).isEqualTo(3);
        assertThat(probe.backoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(probe.onFailure()).isEqualTo(OnFailure.CONTINUE);
        WorkflowStep replica = db.steps().get(1);
        assertThat(replica.params()).containsEntry("route", "db");
        assertThat(replica.success()).containsExactly(new SuccessCriterion("error_rate", true, 0.01, Duration.ofSeconds(30)));
        assertThat(replica.onFailure()).isEqualTo(OnFailure.ROLLBACK);
        assertThat(replica.delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(db.rollback()).extracting(WorkflowStep::action).containsExactly("alert");
    }

    @Test
    void anUnknownTriggerIsReportedAtItsLine() {
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: [circuit_open, sunspots]
                    steps: [{name: a, action: alert}]
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("w.yaml:3").hasMessageContaining("trigger[1]");
    }

    @Test
    void aRuleTheModelRejectsIsReportedWithTheStepsLocation() {
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    steps:
                      - name: a
                        action: failover
                        timeout: 10s
                        success: [{metric: error_rate, below: 0.01, for: 30s}]
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("w.yaml:5").hasMessageContaining("timeout 10s must be longer than the success hold 30s");
    }

    @Test
    void unknownKeysAndDuplicateStepNamesAreErrors() {
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    steps: [{name: a, action: alert, onfailure: abort}]
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("onfailure");
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    steps:
                      - {name: a, action: alert}
                      - {name: a, action: alert}
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("w.yaml:6:16: workflows[0].steps[1].name: step name 'a' is used twice; first at line 5");
    }

    @Test
    void shipsTheThreeDefaults() {
        WorkflowCatalog catalog = WorkflowCatalog.of(DefaultWorkflows.load());

        assertThat(catalog.workflows()).extracting(Workflow::name)
                .containsExactly("ai-provider-failure", "database-connection-lost", "memory-leak");
        assertThat(catalog.select(TriggerType.CIRCUIT_OPEN, "llm:openai", "api")).map(Workflow::name)
                .contains("ai-provider-failure");
        assertThat(catalog.select(TriggerType.HEALTH_CHECK_FAILED, "db:orders", "database")).map(Workflow::name)
                .contains("database-connection-lost");
        assertThat(catalog.select(TriggerType.PREDICTION, "orders", "resource")).map(Workflow::name)
                .contains("memory-leak");
        assertThat(catalog.select(TriggerType.PREDICTION, "orders", "latency")).isEmpty();
        Workflow db = catalog.find("database-connection-lost").orElseThrow();
        assertThat(db.steps().getFirst().attempts()).isEqualTo(3);
        assertThat(catalog.find("memory-leak").orElseThrow().steps().get(2).delay()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theHighestPriorityThenTheMostSpecificPatternWins() {
        WorkflowCatalog catalog = WorkflowCatalog.of(WorkflowReader.read("w.yaml", """
                workflows:
                  - {name: any, trigger: manual, services: "*", steps: [{name: a, action: alert}]}
                  - {name: llm, trigger: manual, services: "llm:*", steps: [{name: a, action: alert}]}
                  - {name: urgent, trigger: manual, services: "*", priority: 5, steps: [{name: a, action: alert}]}
                  - {name: low, trigger: manual, services: "llm:openai", priority: -1, steps: [{name: a, action: alert}]}
                """));

        assertThat(catalog.select(TriggerType.MANUAL, "llm:openai", "api")).map(Workflow::name).contains("urgent");
        WorkflowCatalog withoutUrgent = WorkflowCatalog.of(catalog.workflows().stream()
                .filter(w -> !w.name().equals("urgent")).toList());
        assertThat(withoutUrgent.select(TriggerType.MANUAL, "llm:openai", "api")).map(Workflow::name).contains("llm");
        assertThat(withoutUrgent.select(TriggerType.MANUAL, "db:x", "api")).map(Workflow::name).contains("any");
    }

    @Test
    void aWorkflowNameLongerThanTheStoreKeepsIsRefusedAtItsKey() {
        String name = "w".repeat(201);
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - trigger: manual
                    name: %s
                    steps: [{name: a, action: alert}]
                """.formatted(name))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("w.yaml:3").hasMessageContaining("workflows[0].name")
                .hasMessageContaining("at most 200 characters, was 201");
    }

    @Test
    void stepAndRollbackStepNamesLongerThanTheStoreKeepsAreRefused() {
        String name = "s".repeat(250);
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    steps: [{name: %s, action: alert}]
                """.formatted(name))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("workflows[0].steps[0].name").hasMessageContaining("was 250");
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    steps: [{name: a, action: alert}]
                    rollback: [{name: %s, action: alert}]
                """.formatted(name))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("workflows[0].rollback[0].name").hasMessageContaining("was 250");
    }

    @Test
    void namesOfExactlyTwoHundredCharactersAreTaken() {
        String name = "n".repeat(200);
        List<Workflow> workflows = WorkflowReader.read("w.yaml", """
                workflows:
                  - name: %s
                    trigger: manual
                    steps: [{name: %s, action: alert}]
                """.formatted(name, name));
        assertThat(workflows.getFirst().name()).hasSize(200);
        assertThat(workflows.getFirst().steps().getFirst().name()).hasSize(200);
    }

    @Test
    void aCategoryNoDiagnosisGivesIsRefusedWithTheCategoriesThereAre() {
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    categories: [database, errors]
                    steps: [{name: a, action: alert}]
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("w.yaml:4").hasMessageContaining("categories[1]")
                .hasMessageContaining("[api, authentication, configuration, database, integration, network, performance,"
                        + " resource]")
                .hasMessageContaining("was 'errors'");
    }

    @Test
    void categoriesAreReadAsTheDiagnosisLabels() {
        Workflow workflow = WorkflowReader.read("w.yaml", """
                workflows:
                  - {name: x, trigger: manual, categories: Database, steps: [{name: a, action: alert}]}
                """).getFirst();

        assertThat(workflow.categories()).containsExactly("database");
        assertThat(workflow.matches(TriggerType.MANUAL, "orders", "database")).isTrue();
    }

    @Test
    void theShippedMemoryLeakWorkflowIsForTheCategoryAMemoryLeakIsDiagnosedAs() {
        assertThat(WorkflowCatalog.of(DefaultWorkflows.load()).find("memory-leak").orElseThrow().categories())
                .containsExactly("resource");
    }

    @Test
    void aValueOutOfRangeIsRefusedAtItsOwnKeyInTheFilesWords() {
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    timeout: 0s
                    steps: [{name: a, action: alert}]
                """)).hasMessage("w.yaml:4:14: workflows[0].timeout: must be longer than 0, was 0s");
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    steps:
                      - name: a
                        action: alert
                        attempts: 0
                """)).hasMessage("w.yaml:7:19: workflows[0].steps[0].attempts: must be in [1, 10], was 0");
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    steps: [{name: a, action: alert, backoff: 0ms}]
                """)).hasMessageEndingWith("workflows[0].steps[0].backoff: must be longer than 0, was 0ms");
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", """
                workflows:
                  - name: x
                    trigger: manual
                    steps: [{name: a, action: alert, delay: 99999999999h}]
                """)).hasMessageEndingWith("workflows[0].steps[0].delay: must be at most 53375 days (about 146 years),"
                        + " was 99999999999h");
    }
}
