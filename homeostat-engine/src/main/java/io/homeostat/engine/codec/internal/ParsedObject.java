package io.homeostat.engine.codec.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * One JSON object read straight from a parser's tokens into flat arrays: its field names in
 * document order and each value's type, text or number, nested objects as children. Reading it
 * checks only syntax and duplicate keys; {@link Fields} then checks what the values mean. No tree
 * of nodes is built: the arrays, and the children, are reused by the next object loaded into the
 * same instance. Not thread-safe; one per reader.
 */
final class ParsedObject {

    /** The JSON type of a value, named as errors name it. */
    enum Type {
        STRING("string"), INTEGER("number"), BIG_INTEGER("number"), FLOAT("number"), BOOLEAN("boolean"),
        NULL("null"), ARRAY("array"), OBJECT("object");

        private final String word;

        Type(String word) {
            this.word = word;
        }

        /** How an error names the type, e.g. {@code number}. */
        String word() {
            return word;
        }

        boolean isNumber() {
            return this == INTEGER || this == BIG_INTEGER || this == FLOAT;
        }
    }

    private static final int START = 12;
    /** Up to this many fields, a repeated name is found by scanning them. */
    private static final int FEW = 16;

    private String[] names = new String[START];
    /** The hash of each name: a lookup compares names only where the hashes are equal. */
    private int[] hashes = new int[START];
    private Type[] types = new Type[START];
    private String[] texts = new String[START];
    private long[] longs = new long[START];
    private double[] doubles = new double[START];
    private ParsedObject[] children = new ParsedObject[START];
    private int size;
    /** The names of an object of more than {@link #FEW} fields, for {@link #repeats}; null until one. */
    private Set<String> manyNames;

    /**
     * Reads the object whose {@code START_OBJECT} is the parser's current token, up to and including
     * its {@code END_OBJECT}, replacing what this instance held.
     *
     * @throws JsonParseException if the JSON is malformed or a key appears twice in one object
     * @throws IOException if the input cannot be read
     */
    void load(JsonParser parser) throws IOException {
        size = 0;
        if (manyNames != null) {
            manyNames.clear();
        }
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (repeats(name)) {
                throw new JsonParseException(parser, "Duplicate field '" + name + "'");
            }
            int at = grow();
            names[at] = name;
            hashes[at] = name.hashCode();
            value(parser, parser.nextToken(), at);
            size++;
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "expected a field name or the end of an object, was " + token);
        }
    }

    private void value(JsonParser parser, JsonToken token, int at) throws IOException {
        texts[at] = null;
        switch (token) {
            case VALUE_STRING -> {
                types[at] = Type.STRING;
                texts[at] = parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                JsonParser.NumberType numberType = parser.getNumberType();
                if (numberType == JsonParser.NumberType.BIG_INTEGER) {
                    types[at] = Type.BIG_INTEGER;
                    doubles[at] = parser.getDoubleValue();
                } else {
                    types[at] = Type.INTEGER;
                    longs[at] = parser.getLongValue();
                    doubles[at] = longs[at];
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                types[at] = Type.FLOAT;
                doubles[at] = parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> types[at] = Type.BOOLEAN;
            case VALUE_NULL -> types[at] = Type.NULL;
            case START_OBJECT -> {
                types[at] = Type.OBJECT;
                if (children[at] == null) {
                    children[at] = new ParsedObject();
                }
                children[at].load(parser);
            }
            case START_ARRAY -> {
                types[at] = Type.ARRAY;
                skipArray(parser);
            }
            default -> throw new JsonParseException(parser, "expected a value, was " + token);
        }
    }

    /**
     * Reads past the value whose first token is the parser's current one, checking its syntax and
     * that no object within repeats a key, as reading a tree would.
     */
    static void skipValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            new ParsedObject().load(parser);
        } else if (token == JsonToken.START_ARRAY) {
            skipArray(parser);
        }
    }

    private static void skipArray(JsonParser parser) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new JsonParseException(parser, "unexpected end of input in an array");
            }
            skipValue(parser);
        }
    }

    /**
     * Whether {@code name} is already a field of the object being loaded: a scan of the few
     * fields of a signal, a set once an object has many (a tags object of thousands would make the
     * scan quadratic).
     */
    private boolean repeats(String name) {
        if (size < FEW) {
            return indexOf(name) >= 0;
        }
        if (manyNames == null) {
            manyNames = new HashSet<>();
        }
        if (manyNames.isEmpty()) {
            manyNames.addAll(Arrays.asList(names).subList(0, size));
        }
        return !manyNames.add(name);
    }

    private int grow() {
        if (size == names.length) {
            int length = size * 2;
            names = Arrays.copyOf(names, length);
            hashes = Arrays.copyOf(hashes, length);
            types = Arrays.copyOf(types, length);
            texts = Arrays.copyOf(texts, length);
            longs = Arrays.copyOf(longs, length);
            doubles = Arrays.copyOf(doubles, length);
            children = Arrays.copyOf(children, length);
        }
        return size;
    }

    /**
     * The index of field {@code name}, or -1. Field names are few: a scan of their hashes (a
     * string's hash is kept in it), comparing the names only where a hash matches.
     */
    int indexOf(String name) {
        int hash = name.hashCode();
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash && (names[i] == name || names[i].equals(name))) {
                return i;
            }
        }
        return -1;
    }

    int size() {
        return size;
    }

    String name(int index) {
        return names[index];
    }

    Type type(int index) {
        return types[index];
    }

    /** The text of a string value. */
    String text(int index) {
        return texts[index];
    }

    long longValue(int index) {
        return longs[index];
    }

    double doubleValue(int index) {
        return doubles[index];
    }

    ParsedObject child(int index) {
        return children[index];
    }
}
