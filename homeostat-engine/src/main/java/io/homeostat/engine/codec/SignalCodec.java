package io.homeostat.engine.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.internal.SignalReader;
import io.homeostat.engine.codec.internal.SignalWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * field. {@code tags} may be left out (no tags).
 */
public final class SignalCodec {

    private final JsonFactory factory;
    private final ObjectMapper mapper;

    private SignalCodec() {
        // Non-numeric literals are parsed so the reader can name the field that holds them.
        this.factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
        return SignalReader.read(parse(json));
    }

    /**
     * The signal an already parsed JSON object describes, read as strictly as {@link #decode(byte[])}
     * (a caller that parsed a larger document, e.g. an ingest batch, decodes its elements without
     * writing them out again). Numbers must have been parsed as doubles and longs, not
     * {@code BigDecimal}s, for {@code NaN} and overflows to be refused.
     *
     * @throws SignalDecodingException if it is not a valid signal; the exception names the field
     *     relative to {@code node}
     * @throws NullPointerException if {@code node} is null
     */
    public Signal read(JsonNode node) {
        return SignalReader.read(Objects.requireNonNull(node, "node"));
    }

    /** The signal in {@code json}; see {@link #decode(byte[])}. */
    public Signal decode(String json) {
        Objects.requireNonNull(json, "json");
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode parse(byte[] json) {
        try {
            JsonNode node = mapper.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new SignalDecodingException("$", "empty document, expected a JSON object");
            }
            return node;
        } catch (JsonParseException e) {
            throw new SignalDecodingException(fieldAt(e.getProcessor()), "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SignalDecodingException("$", "malformed JSON: " + e.getMessage());
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
