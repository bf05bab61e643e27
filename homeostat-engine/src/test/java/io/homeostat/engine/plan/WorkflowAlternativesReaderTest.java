package io.homeostat.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowAlternativesReaderTest {

    private static String workflow(String step) {
        return """
                workflows:
                  - name: w
                    trigger: manual
                    steps:
                """ + step.indent(6);
    }

    @Test
    void readsAStepWithAlternatives() {
        WorkflowStep step = WorkflowReader.read("w.yaml", workflow("""
                - name: free-memory
                  alternatives:
                    - {action: trigger_gc}
                    - {action: restart_process, params: {drain: 30s}}
                """)).getFirst().steps().getFirst();

        assertThat(step.action()).isEqualTo("trigger_gc");
        assertThat(step.params()).isEmpty();
        assertThat(step.alternatives()).containsExactly(new StepAlternative("trigger_gc", Map.of()),
                new StepAlternative("restart_process", Map.of("drain", "30s")));
        assertThat(step.alternative("restart_process")).isPresent();
        assertThat(step.alternative("scale")).isEmpty();
    }

    @Test
    void aStepWithoutAlternativesHasItsActionAsItsOneOption() {
        WorkflowStep step = WorkflowStep.of("s", "alert", Map.of("message", "hi"));

        assertThat(step.alternatives()).isEmpty();
        assertThat(step.options()).containsExactly(new StepAlternative("alert", Map.of("message", "hi")));
    }

    @Test
    void rejectsActionTogetherWithAlternatives() {
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", workflow("""
                - name: s
                  action: alert
                  alternatives:
                    - {action: trigger_gc}
                    - {action: alert}
                """))).isInstanceOf(ConfigException.class).hasMessageContaining("w.yaml:8")
                .hasMessageContaining("steps[0].alternatives")
                .hasMessageContaining("either action (and params) or alternatives");
    }

    @Test
    void rejectsASingleAlternativeAndTheSameActionTwice() {
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", workflow("""
                - name: s
                  alternatives:
                    - {action: trigger_gc}
                """))).isInstanceOf(ConfigException.class).hasMessageContaining("at least two");
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", workflow("""
                - name: s
                  alternatives:
                    - {action: scale, params: {by: "1"}}
                    - {action: scale, params: {by: "2"}}
                """))).isInstanceOf(ConfigException.class).hasMessageContaining("action 'scale' twice");
        assertThatThrownBy(() -> WorkflowReader.read("w.yaml", workflow("""
                - name: s
                  alternatives:
                    - {action: scale, parms: {by: "1"}}
                    - {action: alert}
                """))).isInstanceOf(ConfigException.class).hasMessageContaining("parms");
    }
}
