package io.homeostat.engine.diagnose.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.graph.DependencyGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeclaredDependenciesTest {

    @Test
    void readsTheDeclaredGraphFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("graph.yaml"), """
                dependencies:
                  triage: [pharmaguard, "llm:openai"]
                  pharmaguard: "db:primary"
                """);

        DependencyGraph graph = DeclaredDependencies.read(file);

        assertThat(graph.dependenciesOf("triage")).containsExactly("pharmaguard", "llm:openai");
        assertThat(graph.dependenciesOf("pharmaguard")).containsExactly("db:primary");
        assertThat(graph.impactOf("db:primary")).containsExactlyInAnyOrder("pharmaguard", "triage");
    }

    @Test
    void aServiceDependingOnItselfIsNamedWithItsPlace() {
        assertThatThrownBy(() -> DeclaredDependencies.parse("graph.yaml", """
                dependencies:
                  triage: [pharmaguard]
                  pharmaguard: [db, pharmaguard]
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("graph.yaml:3:21: dependencies.pharmaguard[1]: a service cannot depend on itself: pharmaguard");
    }

    @Test
    void anUnknownKeyOrANestedMapIsNamedWithItsPlace() {
        assertThatThrownBy(() -> DeclaredDependencies.parse("graph.yaml", "edges:\n  a: [b]\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("graph.yaml:1:1: edges: unknown key");
        assertThatThrownBy(() -> DeclaredDependencies.parse("graph.yaml", "dependencies:\n  a:\n    - {b: c}\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("graph.yaml:3:7: dependencies.a[0]: must be a single value");
        assertThatThrownBy(() -> DeclaredDependencies.parse("graph.yaml", "dependencies:\n  a: ['  ']\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dependencies.a[0]", "blank");
    }
}
