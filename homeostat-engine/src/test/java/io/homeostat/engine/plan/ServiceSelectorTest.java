package io.homeostat.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceSelectorTest {

    @Test
    void aQuestionMarkMatchesOneCharacterAsInRules() {
        ServiceSelector selector = new ServiceSelector(List.of("db:replica-?"));

        assertThat(selector.matches("db:replica-1")).isTrue();
        assertThat(selector.matches("db:replica-12")).isFalse();
        assertThat(selector.matches("db:replica-")).isFalse();
        assertThat(selector.specificity("db:replica-1")).isEqualTo("db:replica-".length());
    }

    @Test
    void aStarMatchesAnyRunOfCharacters() {
        ServiceSelector selector = new ServiceSelector(List.of("llm:*", "*-cache"));

        assertThat(selector.matches("llm:")).isTrue();
        assertThat(selector.matches("llm:openai")).isTrue();
        assertThat(selector.matches("orders-cache")).isTrue();
        assertThat(selector.matches("db:orders")).isFalse();
        assertThat(selector.specificity("db:orders")).isEqualTo(-1);
    }

    /**
     * A recursive glob tries every split of the name for each star: this pattern against a long
     * name of a's took it exponential time (the planner stalled for seconds on 36 characters). The
     * linear glob answers at once; were it exponential, this test would not finish.
     */
    @Test
    void manyStarsAgainstALongNameThatDoesNotMatchAnswerFalse() {
        ServiceSelector selector = new ServiceSelector(List.of("*a*a*a*a*a*a*a*a*a*a*a*a*b"));
        String name = "a".repeat(200);

        assertThat(selector.matches(name)).isFalse();
        assertThat(selector.specificity(name)).isEqualTo(-1);
        assertThat(selector.matches(name + "b")).isTrue();
    }

    @Test
    void aBlankPatternIsRefusedShowingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ServiceSelector(java.util.List.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("was ['']");
    }
}
