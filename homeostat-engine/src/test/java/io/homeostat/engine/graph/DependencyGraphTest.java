package io.homeostat.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private final DependencyGraph graph = DependencyGraph.of(Map.of(
            "triage", Set.of("llm:openai", "pharmaguard"),
            "pharmaguard", Set.of("db:primary")));

    @Test
    void upstreamIsTransitive() {
        assertThat(graph.isUpstreamOf("db:primary", "triage")).isTrue();
        assertThat(graph.isUpstreamOf("triage", "db:primary")).isFalse();
        assertThat(graph.related("triage", "db:primary")).isTrue();
        assertThat(graph.related("llm:openai", "db:primary")).isFalse();
    }

    @Test
    void impactListsEveryTransitiveDependent() {
        assertThat(graph.impactOf("db:primary")).containsExactlyInAnyOrder("pharmaguard", "triage");
        assertThat(graph.impactOf("triage")).isEmpty();
    }

    @Test
    void withIsImmutableAndIdempotent() {
        DependencyGraph more = graph.with("care-locator", "db:primary");
        assertThat(graph.dependentsOf("db:primary")).containsExactly("pharmaguard");
        assertThat(more.dependentsOf("db:primary")).containsExactly("pharmaguard", "care-locator");
        assertThat(more.with("care-locator", "db:primary")).isSameAs(more);
    }

    @Test
    void cyclesTerminate() {
        DependencyGraph cycle = DependencyGraph.empty().with("a", "b").with("b", "a");
        assertThat(cycle.impactOf("a")).containsExactly("b");
        assertThat(cycle.isUpstreamOf("a", "b")).isTrue();
    }

    @Test
    void rejectsSelfDependencyAndBlankNames() {
        assertThatThrownBy(() -> graph.with("a", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> graph.with(" ", "a")).hasMessageContaining("service");
    }
}
