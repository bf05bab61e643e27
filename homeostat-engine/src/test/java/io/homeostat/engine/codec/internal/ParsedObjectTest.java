package io.homeostat.engine.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ParsedObjectTest {

    private static final JsonFactory JSON = new JsonFactory();

    @Test
    void findsEachFieldOfAnObjectWithManyFieldsAndNoOther() throws IOException {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 100; i++) { // far more than the 12 fields its arrays start with
            json.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":").append(i);
        }
        ParsedObject object = load(json.append('}').toString());

        assertThat(object.size()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            int index = object.indexOf("f" + i);
            assertThat(index).as("f%d", i).isEqualTo(i);
            assertThat(object.longValue(index)).isEqualTo(i);
        }
        assertThat(object.indexOf("f100")).isEqualTo(-1);
        assertThat(object.indexOf("")).isEqualTo(-1);
    }

    @Test
    void aReusedInstanceForgetsTheFieldsOfTheObjectBefore() throws IOException {
        ParsedObject object = new ParsedObject();
        load(object, "{\"a\":1,\"b\":2,\"c\":3}");
        load(object, "{\"c\":4}");

        assertThat(object.indexOf("a")).isEqualTo(-1);
        assertThat(object.indexOf("b")).isEqualTo(-1);
        assertThat(object.longValue(object.indexOf("c"))).isEqualTo(4);

        load(object, "{\"a\":5,\"b\":6}"); // names of an earlier load are not taken as repeated
        assertThat(object.longValue(object.indexOf("b"))).isEqualTo(6);
    }

    @Test
    void refusesARepeatedKeyWhereverItComes() throws IOException {
        assertThatThrownBy(() -> load("{\"a\":1,\"b\":2,\"a\":3}"))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'a'");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            many.append("\"f").append(i).append("\":0,");
        }
        assertThatThrownBy(() -> load(many.append("\"f3\":1}").toString()))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'f3'");
        // Different names with the same hash are different fields.
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        assertThat(load("{\"Aa\":1,\"BB\":2}").indexOf("BB")).isEqualTo(1);
    }

    private static ParsedObject load(String json) throws IOException {
        return load(new ParsedObject(), json);
    }

    private static ParsedObject load(ParsedObject object, String json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            object.load(parser);
        }
        return object;
    }
}
