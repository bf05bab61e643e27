package io.homeostat.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Request bodies are read strictly: a JSON object whose values have their field's JSON type, or a
 * {@link BadRequestException} naming the field ({@code $} for the body as a whole).
 */
class JacksonJsonTest {

    private final JacksonJson json = new JacksonJson();

    private BadRequestException refused(String body, Class<?> type) {
        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> json.fromJsonString(body, type));
        assertThat(refused).as(body).isNotNull();
        return refused;
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefusedAsAWhole() {
        for (String body : new String[] {"null", "[]", "[{\"reason\":\"x\"}]", "\"drill\"", "5", "true", "", "  "}) {
            BadRequestException refused = refused(body, ActionRequest.class);
            assertThat(refused.field()).as(body).isEqualTo("$");
            assertThat(refused.getMessage()).as(body).contains("expected a JSON object");
        }
        assertThat(refused("null", ActionRequest.class).getMessage()).isEqualTo("$: expected a JSON object, got null");
        assertThat(refused("{\"reason\":\"x\"} {}", ActionRequest.class).field()).as("trailing content").isEqualTo("$");
    }

    @Test
    void aScalarOfTheWrongTypeIsRefusedNamingItsField() {
        Class<?> silence = SilenceRoutes.SilenceRequest.class;
        assertThat(refused("{\"matchers\":{\"service\":\"a\"},\"minutes\":5.9,\"comment\":\"x\"}", silence))
                .satisfies(e -> assertThat(e.field()).isEqualTo("minutes"))
                .hasMessage("minutes: expected a whole number, got 5.9");
        assertThat(refused("{\"matchers\":{\"service\":\"a\"},\"minutes\":5.0,\"comment\":\"x\"}", silence).field())
                .isEqualTo("minutes");
        assertThat(refused("{\"matchers\":{\"service\":\"a\"},\"minutes\":\"5\",\"comment\":\"x\"}", silence).field())
                .isEqualTo("minutes");
        assertThat(refused("{\"matchers\":{\"service\":\"a\"},\"minutes\":5,\"comment\":12}", silence))
                .satisfies(e -> assertThat(e.field()).isEqualTo("comment"))
                .hasMessage("comment: expected a string, got 12");
        assertThat(refused("{\"matchers\":{\"service\":7},\"minutes\":5,\"comment\":\"x\"}", silence).field())
                .isEqualTo("matchers");
        assertThat(refused("{\"enabled\":0,\"reason\":\"x\"}", ControlRoutes.FlagRequest.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("enabled"))
                .hasMessageStartingWith("enabled: expected true or false");
        assertThat(refused("{\"enabled\":\"false\",\"reason\":\"x\"}", ControlRoutes.FlagRequest.class).field())
                .isEqualTo("enabled");
        assertThat(refused("{\"name\":1,\"role\":\"viewer\"}", TokenRoutes.TokenRequest.class).field()).isEqualTo("name");
        assertThat(refused("{\"name\":true,\"role\":\"viewer\"}", TokenRoutes.TokenRequest.class).field()).isEqualTo("name");
        assertThat(refused("{\"reason\":[\"x\"]}", ActionRequest.class).field()).isEqualTo("reason");
        assertThat(refused("{\"reason\":{\"a\":1}}", ActionRequest.class).field()).isEqualTo("reason");
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnes() {
        assertThat(refused("{\"reason\":\"x\",\"why\":\"y\"}", ActionRequest.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("why"))
                .hasMessage("why: unknown field; known: reason");
    }

    record Steps(List<Map<String, String>> steps) {}

    @Test
    void aKeyGivenTwiceIsRefusedNamingItsPathNotReadAsItsLastValue() {
        Class<?> silence = SilenceRoutes.SilenceRequest.class;
        assertThat(refused("{\"matchers\":{\"service\":\"a\",\"service\":\"b\"},\"minutes\":5,\"comment\":\"x\"}", silence))
                .satisfies(e -> assertThat(e.field()).isEqualTo("matchers.service"))
                .hasMessage("matchers.service: given twice; each key may appear once in an object");
        assertThat(refused("{\"matchers\":{\"service\":\"a\"},\"minutes\":5,\"comment\":\"x\",\"comment\":\"y\"}", silence)
                .field()).isEqualTo("comment");
        assertThat(refused("{\"reason\":\"x\",\"reason\":\"x\"}", ActionRequest.class).field())
                .as("the same value twice too").isEqualTo("reason");
        assertThat(refused("{\"steps\":[{\"a\":\"1\"},{\"a\":\"1\",\"b\":\"2\",\"a\":\"3\"}]}", Steps.class).field())
                .isEqualTo("steps[1].a");
        assertThat(json.<Steps>fromJsonString("{\"steps\":[{\"a\":\"1\"},{\"a\":\"2\"}]}", Steps.class).steps())
                .as("the same key in two objects is no duplicate").hasSize(2);
    }

    @Test
    void readsAWellTypedBodyAndTakesNullAsAbsent() {
        SilenceRoutes.SilenceRequest silence = json.fromJsonString(
                "{\"matchers\":{\"service\":\"a\"},\"minutes\":5,\"comment\":\"deploy\"}", SilenceRoutes.SilenceRequest.class);
        assertThat(silence).isEqualTo(new SilenceRoutes.SilenceRequest(Map.of("service", "a"), 5, "deploy"));
        ControlRoutes.FlagRequest flag = json.fromJsonString("{\"enabled\":null,\"reason\":\"x\"}", ControlRoutes.FlagRequest.class);
        assertThat(flag.enabled()).isNull();
        assertThat(json.<ActionRequest>fromJsonString(" {\"reason\":\"x\"} ", ActionRequest.class).reason()).isEqualTo("x");
    }
}
