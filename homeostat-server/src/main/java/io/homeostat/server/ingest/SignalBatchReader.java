package io.homeostat.server.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.SignalByteReader;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.engine.codec.SignalDecodingException;
import io.homeostat.engine.codec.SignalStreamReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads an ingest batch, all or nothing. The body is one JSON object,
 * {@code {"signals":[...]}}; each element is a signal in the {@link SignalCodec} form plus an
 * {@code id} (1 to 128 characters of letters, digits and {@code . _ : -}). Every element is
 * checked before the batch is returned, so a batch with one bad signal is refused whole. Errors
 * name the field by its JSON path, e.g. {@code signals[3].value}.
 *
 * <p>A body is first read straight from its bytes (the codec's {@link SignalByteReader}), which
 * gives up on anything unusual: then, or when the body holds any problem, it is read in one pass
 * over the parser's tokens, each element decoded by the codec's {@link SignalStreamReader} (no
 * tree), and that reading alone reports problems. The whole body's syntax is checked before any element is
 * judged, and problems are reported in this order, as a reader that first parsed the whole body
 * would: malformed JSON (including a repeated key, anywhere) and trailing content; a body that is
 * not an object; an unknown top-level field; {@code signals} missing or not an array; too many
 * signals (413); then the first element in order that is not a valid signal (400) or lies too far
 * in the future (422).
 *
 * <p>Thread-safe; create one and share it.
 */
public final class SignalBatchReader {

    private static final String ID = "id";
    private static final byte[] SIGNALS = "\"signals\"".getBytes(StandardCharsets.US_ASCII);

    private final SignalCodec codec;
    private final int maxSignals;
    private final Duration maxFutureSkew;

    /**
     * @param maxSignals the most signals a batch may hold
     * @param maxFutureSkew how far past {@code now} a signal's time may be
     * @throws IllegalArgumentException if {@code maxSignals} is not positive
     */
    public SignalBatchReader(SignalCodec codec, int maxSignals, Duration maxFutureSkew) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxSignals < 1) {
            throw new IllegalArgumentException("maxSignals must be positive, was " + maxSignals);
        }
        this.maxSignals = maxSignals;
    }

    /**
     * The signals of {@code body}, in order.
     *
     * @param now the server's wall time, against which future timestamps are judged
     * @throws IngestRejectedException (400) if the body is not a valid batch, naming the field;
     *     (413) if it holds more signals than allowed; (422) if a signal's time lies more than the
     *     allowed skew in the future
     */
    public List<IngestedSignal> read(byte[] body, Instant now) {
        if (body.length == 0) {
            throw empty();
        }
        Instant latest = now.plus(maxFutureSkew);
        List<IngestedSignal> signals = new Quick(latest).read(body);
        return signals != null ? signals : readWithParser(body, latest);
    }

    /** Reads {@code body} token by token with the parser alone: the reader of every batch the quick one leaves. */
    List<IngestedSignal> readWithParser(byte[] body, Instant latest) {
        Batch batch = new Batch(codec.streamReader(ID), latest, expectedSize(body));
        try (JsonParser parser = codec.parser(body)) {
            batch.read(parser);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new IngestRejectedException(400, "$", "malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IngestRejectedException(400, "$", "cannot be read: " + e.getMessage());
        }
        return batch.result();
    }

    /** A signal takes 100 bytes or more (150 is usual): room for the whole batch from the start. */
    private int expectedSize(byte[] body) {
        return Math.min(maxSignals, body.length / 100 + 1);
    }

    private static IngestRejectedException empty() {
        return new IngestRejectedException(400, "$", "empty body, expected {\"signals\":[...]}");
    }

    /**
     * One body read straight from its bytes, for the batch every sender writes:
     * {@code {"signals":[...]}} with nothing else, each element a signal the codec's
     * {@link SignalByteReader} reads, or else (another kind, an escape in a string) one the
     * {@link SignalStreamReader} reads from the element's bytes alone. Anything it cannot vouch
     * for, it leaves whole to {@link #readWithParser}: a body it reads yields what that would, and
     * every problem is reported by that alone, in its order. One per body read.
     */
    private final class Quick {

        private final SignalByteReader byteReader = codec.byteReader(ID);
        private final Instant latest;
        /** For the elements the byte reader leaves; made for the first. */
        private SignalStreamReader tokens;

        Quick(Instant latest) {
            this.latest = latest;
        }

        /** The batch, or null if the parser should read it. */
        List<IngestedSignal> read(byte[] body) {
            int i = whitespace(body, 0);
            if (at(body, i) != '{') {
                return null;
            }
            i = whitespace(body, i + 1);
            if (!startsAt(body, i, SIGNALS)) {
                return null;
            }
            i = whitespace(body, i + SIGNALS.length);
            if (at(body, i) != ':') {
                return null;
            }
            i = whitespace(body, i + 1);
            if (at(body, i) != '[') {
                return null;
            }
            List<IngestedSignal> signals = new ArrayList<>(expectedSize(body));
            i = whitespace(body, i + 1);
            if (at(body, i) != ']') {
                while (true) {
                    if (signals.size() == maxSignals) {
                        return null; // one too many
                    }
                    int end = byteReader.read(body, i);
                    IngestedSignal signal = end >= 0 ? readElement() : null;
                    if (end < 0 && at(body, i) == '{') {
                        end = SignalByteReader.skip(body, i);
                        signal = end < 0 ? null : parse(body, i, end, signals.size());
                    }
                    if (signal == null || signal.signal().time().isAfter(latest)) {
                        return null;
                    }
                    signals.add(signal);
                    i = whitespace(body, end);
                    if (at(body, i) == ']') {
                        break;
                    }
                    if (at(body, i) != ',') {
                        return null;
                    }
                    i = whitespace(body, i + 1);
                }
            }
            i = whitespace(body, i + 1);
            if (at(body, i) != '}') {
                return null;
            }
            return whitespace(body, i + 1) == body.length ? signals : null;
        }

        /** The element the byte reader read, or null if its id is missing or not one. */
        private IngestedSignal readElement() {
            String id = byteReader.text(ID);
            return id != null && validId(id) ? new IngestedSignal(id, byteReader.signal()) : null;
        }

        /** The element in {@code body[from, to)} read by the parser, or null if it is not a valid one. */
        private IngestedSignal parse(byte[] body, int from, int to, int index) {
            if (tokens == null) {
                tokens = codec.streamReader(ID);
            }
            try (JsonParser parser = codec.parser(body, from, to - from)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                tokens.load(parser);
                return parser.nextToken() == null ? decode(tokens, index, latest) : null;
            } catch (IOException | IngestRejectedException e) {
                return null;
            }
        }
    }

    private static int whitespace(byte[] body, int i) {
        while (i < body.length && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The byte at {@code i}, or 0 past the end. */
    private static byte at(byte[] body, int i) {
        return i < body.length ? body[i] : 0;
    }

    private static boolean startsAt(byte[] body, int i, byte[] prefix) {
        return i + prefix.length <= body.length && Arrays.equals(body, i, i + prefix.length, prefix, 0, prefix.length);
    }

    /** One body being read: what was found, and the first problem of each kind. Not thread-safe. */
    private final class Batch {

        private final SignalStreamReader reader;
        private final Instant latest;
        private final List<IngestedSignal> signals;
        private boolean notAnObject;
        private String unknownField;
        private boolean signalsSeen;
        private boolean signalsNotAnArray;
        private int count;
        private IngestRejectedException badElement;

        Batch(SignalStreamReader reader, Instant latest, int expected) {
            this.reader = reader;
            this.latest = latest;
            this.signals = new ArrayList<>(expected);
        }

        void read(JsonParser parser) throws IOException {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw empty();
            }
            if (token != JsonToken.START_OBJECT) {
                notAnObject = true;
                SignalStreamReader.skip(parser);
            } else {
                root(parser);
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "Trailing token (of type " + trailing
                        + ") found after the batch object");
            }
        }

        private void root(JsonParser parser) throws IOException {
            List<String> names = new ArrayList<>(1);
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (names.contains(name)) {
                    throw new JsonParseException(parser, "Duplicate field '" + name + "'");
                }
                names.add(name);
                JsonToken value = parser.nextToken();
                if (!name.equals("signals")) {
                    if (unknownField == null) {
                        unknownField = name;
                    }
                    SignalStreamReader.skip(parser);
                } else if (value != JsonToken.START_ARRAY) {
                    signalsSeen = true;
                    signalsNotAnArray = true;
                    SignalStreamReader.skip(parser);
                } else {
                    signalsSeen = true;
                    elements(parser);
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new JsonParseException(parser, "expected a field name or the end of an object, was " + token);
            }
        }

        private void elements(JsonParser parser) throws IOException {
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw new JsonParseException(parser, "unexpected end of input in the signals array");
                }
                if (token != JsonToken.START_OBJECT) {
                    SignalStreamReader.skip(parser);
                    if (badElement == null) {
                        badElement = new IngestRejectedException(400, path(count), "expected a signal object");
                    }
                } else {
                    reader.load(parser);
                    // Judged only while the batch can still be accepted; afterwards only its syntax matters.
                    if (badElement == null && count < maxSignals) {
                        element(count);
                    }
                }
                count++;
            }
        }

        private void element(int index) {
            try {
                signals.add(decode(reader, index, latest));
            } catch (IngestRejectedException e) {
                badElement = e;
            }
        }

        /** The batch, or the first problem found, in the order the class documents. */
        List<IngestedSignal> result() {
            if (notAnObject) {
                throw new IngestRejectedException(400, "$", "expected a JSON object {\"signals\":[...]}");
            }
            if (unknownField != null) {
                throw new IngestRejectedException(400, unknownField, "unknown field");
            }
            if (!signalsSeen) {
                throw new IngestRejectedException(400, "signals", "missing");
            }
            if (signalsNotAnArray) {
                throw new IngestRejectedException(400, "signals", "expected an array");
            }
            if (count > maxSignals) {
                throw new IngestRejectedException(413, "signals", "holds " + count + " signals, at most "
                        + maxSignals + " are accepted in one batch");
            }
            if (badElement != null) {
                throw badElement;
            }
            return signals;
        }
    }

    /**
     * The signal loaded in {@code reader}, element {@code index} of the batch.
     *
     * @throws IngestRejectedException if it is not a valid signal with an id, or lies later than {@code latest}
     */
    private IngestedSignal decode(SignalStreamReader reader, int index, Instant latest) {
        if (!reader.has(ID)) {
            throw new IngestRejectedException(400, path(index) + ".id", "missing");
        }
        String id = reader.text(ID).filter(SignalBatchReader::validId).orElseThrow(() ->
                new IngestRejectedException(400, path(index) + ".id",
                        "expected a string of 1 to 128 letters, digits or . _ : -"));
        Signal signal;
        try {
            signal = reader.signal();
        } catch (SignalDecodingException e) {
            String field = e.field().equals("$") ? path(index) : path(index) + "." + e.field();
            throw new IngestRejectedException(400, field, problem(e));
        }
        if (signal.time().isAfter(latest)) {
            throw new IngestRejectedException(422, path(index) + ".time",
                    signal.time() + " is more than " + maxFutureSkew + " ahead of the server's clock");
        }
        return new IngestedSignal(id, signal);
    }

    private static String path(int index) {
        return "signals[" + index + "]";
    }

    /** 1 to 128 of {@code [A-Za-z0-9._:-]}; a loop, not a regular expression: it runs for every signal. */
    static boolean validId(String id) {
        int length = id.length();
        if (length < 1 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String problem(SignalDecodingException e) {
        String message = e.getMessage();
        int colon = message.indexOf("': ");
        return colon < 0 ? message : message.substring(colon + 3);
    }
}
