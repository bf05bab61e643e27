package io.homeostat.engine.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.internal.AsciiStrings;
import io.homeostat.engine.codec.internal.SignalWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes {@link Signal}s as JSON objects and reads them back, strictly. Thread-safe; create one
 * and share it.
 *
 * <p>The form: every object has {@code kind} (a {@link SignalKind#wireName()}), {@code service},
 * {@code time} (ISO-8601, e.g. {@code 2026-01-01T00:00:00.250Z}) and {@code tags} (an object of
 * strings), and the fields of its kind under their record component names. Enum values are lower
 * case ({@code half_open}, {@code connection_refused}); durations are whole nanoseconds
 * ({@code latencyNanos}); optional fields ({@code category} of a success, {@code fallbackTier})
 * are left out when absent. For example:
 *
 * <pre>{@code {"kind":"metric_sample","service":"db:primary","metric":"pool.active","value":7.0,
 *  "time":"2026-01-01T00:00:00Z","tags":{"region":"eu"}}}</pre>
 *
 * <p>Reading is strict: a missing required field, an unknown field, a value of the wrong type,
 * {@code NaN} or {@code Infinity} (literal or overflowing), an unknown kind or enum value, a
 * duplicate key or trailing content fails with a {@link SignalDecodingException} naming the
 * field, and so do names ({@code service}, {@code metric}, {@code check}, {@code errorType}) longer
 * than {@value Signal#MAX_NAME_LENGTH} characters, a circuit transition's {@code reason} longer than
 * {@value #MAX_REASON_LENGTH}, and a {@code time} outside {@link #EARLIEST} to {@link #LATEST}
 * (what the store keeps and the loop computes with). {@code tags} may be left out (no tags).
 * Fields may come in any order; reading goes
 * straight from the parser's tokens, without a tree ({@link #streamReader(String...)} reads the
 * signals of a larger document the same way).
 */
public final class SignalCodec {

    /** The longest reason a circuit transition read may carry. */
    public static final int MAX_REASON_LENGTH = 1_000;

    /** The earliest time a signal read may carry. */
    public static final Instant EARLIEST = Instant.EPOCH;

    /** The latest time a signal read may carry. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final JsonFactory factory;
    /** The names the byte readers read recently, shared by all of them. */
    private final AsciiStrings names = new AsciiStrings();

    private SignalCodec() {
        // Non-numeric literals are parsed so the reader can name the field that holds them;
        // repeated keys are caught by the reader itself (no hash set per object in the parser).
        // Jackson's fast double parser gives the same (correctly rounded) values as the JDK's, in
        // less time: parsing each metric value was a tenth of reading a batch.
        this.factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .build();
    }

    /** A codec. */
    public static SignalCodec create() {
        return new SignalCodec();
    }

    /**
     * The JSON of {@code signal} as UTF-8 bytes.
     *
     * @throws NullPointerException if {@code signal} is null
     */
    public byte[] encode(Signal signal) {
        Objects.requireNonNull(signal, "signal");
        try {
            return SignalWriter.write(factory, signal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a signal to memory", e); // not expected
        }
    }

    /** The JSON of {@code signal} as a string; see {@link #encode(Signal)}. */
    public String encodeToString(Signal signal) {
        return new String(encode(signal), StandardCharsets.UTF_8);
    }

    /**
     * The signal in {@code json} (UTF-8).
     *
     * @throws SignalDecodingException if it is not a valid signal; the exception names the field
     * @throws NullPointerException if {@code json} is null
     */
    public Signal decode(byte[] json) {
        Objects.requireNonNull(json, "json");
        SignalStreamReader reader = streamReader();
        try (JsonParser parser = parser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SignalDecodingException("$", "empty document, expected a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                SignalStreamReader.skip(parser);
                rejectTrailing(parser);
                throw new SignalDecodingException("$", "expected a JSON object, was " + type(first));
            }
            reader.load(parser);
            rejectTrailing(parser);
        } catch (JsonParseException e) {
            throw new SignalDecodingException(fieldAt(e.getProcessor()), "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SignalDecodingException("$", "malformed JSON: " + e.getMessage());
        }
        return reader.signal();
    }

    /** The signal in {@code json}; see {@link #decode(byte[])}. */
    public Signal decode(String json) {
        Objects.requireNonNull(json, "json");
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A parser of {@code json} (UTF-8) set up as this codec reads: {@code NaN} and
     * {@code Infinity} are parsed, so that a {@link SignalStreamReader} can refuse them naming
     * their field. The caller closes it.
     *
     * @throws NullPointerException if {@code json} is null
     */
    public JsonParser parser(byte[] json) {
        Objects.requireNonNull(json, "json");
        try {
            return factory.createParser(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse from memory", e); // not expected
        }
    }

    /**
     * A parser of {@code length} bytes of {@code json} from {@code offset}, as
     * {@link #parser(byte[])} makes one: for one value within a larger document.
     *
     * @throws IndexOutOfBoundsException if the range is not within {@code json}
     */
    public JsonParser parser(byte[] json, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, json.length);
        try {
            return factory.createParser(json, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse from memory", e); // not expected
        }
    }

    /**
     * A reader of the common signal objects straight from bytes, without a parser (see
     * {@link SignalByteReader}). Not thread-safe: one per thread.
     *
     * @param extraFields names (ASCII) of fields the caller reads itself from each object, with
     *     {@link SignalByteReader#text(String)}
     */
    public SignalByteReader byteReader(String... extraFields) {
        return new SignalByteReader(names, extraFields);
    }

    /**
     * A reader of signal objects from a parser's tokens, for documents that hold signals among
     * other things (see {@link SignalStreamReader}). Not thread-safe: one per thread.
     *
     * @param extraFields names of fields the caller reads itself from each signal object (e.g. an
     *     ingest batch's {@code id}); they are not refused as unknown
     */
    public SignalStreamReader streamReader(String... extraFields) {
        return new SignalStreamReader(extraFields);
    }

    /**
     * How an error names the JSON type a token starts: {@code object}, {@code array},
     * {@code string}, {@code number}, {@code boolean} or {@code null}.
     */
    public static String type(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(Locale.ROOT);
        };
    }

    private static void rejectTrailing(JsonParser parser) throws IOException {
        JsonToken next = parser.nextToken();
        if (next != null) {
            throw new JsonParseException(parser, "Trailing token (of type " + next + ") found after the signal object");
        }
    }

    private static String fieldAt(JsonParser parser) {
        if (parser == null) {
            return "$";
        }
        StringBuilder path = new StringBuilder();
        for (var context = parser.getParsingContext(); context != null; context = context.getParent()) {
            String name = context.getCurrentName();
            if (name != null) {
                path.insert(0, path.isEmpty() ? name : name + ".");
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }
}
