package io.homeostat.engine.codec;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.internal.SignalReader;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads signal objects in the {@link SignalCodec} form straight from a {@link JsonParser}'s
 * tokens, one after another, for a caller that reads a larger document (e.g. an ingest batch)
 * without building a tree of it. Reading an object has two steps: {@link #load} consumes its
 * tokens and checks only syntax and repeated keys (so a caller can check a whole document's
 * syntax before judging any of it), {@link #signal()} then decodes it as strictly as
 * {@link SignalCodec#decode(byte[])} does. Get one from {@link SignalCodec#streamReader(String...)}
 * and read with a parser from {@link SignalCodec#parser(byte[])}.
 *
 * <p>Not thread-safe: it reuses its buffers from one object to the next; one per thread.
 */
public final class SignalStreamReader {

    private final SignalReader reader;

    SignalStreamReader(String... extraFields) {
        this.reader = new SignalReader(extraFields);
    }

    /**
     * Reads the JSON object whose {@code START_OBJECT} is the parser's current token, up to and
     * including its {@code END_OBJECT}, replacing the object loaded before.
     *
     * @throws JsonParseException if it is malformed or an object in it repeats a key
     *     ({@code Duplicate field 'name'})
     * @throws IOException if the input cannot be read
     */
    public void load(JsonParser parser) throws IOException {
        reader.load(parser);
    }

    /**
     * Reads past the value whose first token is the parser's current one, checking its syntax and
     * keys as {@link #load} does: for a value that is not a signal object but must still be
     * well-formed.
     *
     * @throws JsonParseException if it is malformed or repeats a key
     * @throws IOException if the input cannot be read
     */
    public static void skip(JsonParser parser) throws IOException {
        SignalReader.skip(parser);
    }

    /** Whether the loaded object has the field {@code name}, whatever its value (null included). */
    public boolean has(String name) {
        return reader.has(name);
    }

    /** The loaded object's field {@code name} if it is a string; empty if absent or of another type. */
    public Optional<String> text(String name) {
        return reader.text(name);
    }

    /**
     * The signal the loaded object describes; the extra fields named when this reader was made
     * are left to the caller, any other field the signal's kind does not have is refused.
     *
     * @throws SignalDecodingException naming the field, relative to the object (e.g. {@code value},
     *     {@code window.calls}), that is missing, unknown or wrong
     */
    public Signal signal() {
        return reader.signal();
    }
}
