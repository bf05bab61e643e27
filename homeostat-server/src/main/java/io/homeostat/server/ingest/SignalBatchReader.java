package io.homeostat.server.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.SignalCodec;
import io.homeostat.engine.codec.SignalDecodingException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Reads an ingest batch, all or nothing. The body is one JSON object,
 * {@code {"signals":[...]}}; each element is a signal in the {@link SignalCodec} form plus an
 * {@code id} (1 to 128 characters of letters, digits and {@code . _ : -}). Every element is
 * checked before the batch is returned, so a batch with one bad signal is refused whole. Errors
 * name the field by its JSON path, e.g. {@code signals[3].value}.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class SignalBatchReader {

    private final SignalCodec codec;
    private final ObjectMapper mapper;
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
        // Parsed as the codec parses one signal (doubles, non-numeric literals let through), so
        // that each element is decoded from this tree directly and the codec names the field
        // holding a NaN, an Infinity or an overflow. Duplicate keys are refused by the tree
        // builder, which sees them for free, not by the parser's detector (a hash set per object).
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }

    /**
     * The signals of {@code body}, in order.
     *
     * @param now the server's wall time, against which future timestamps are judged
     * @throws IngestRejectedException (400) if the body is not a valid batch, naming the field;
     *     (422) if a signal's time lies more than the allowed skew in the future
     */
    public List<IngestedSignal> read(byte[] body, Instant now) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw new IngestRejectedException(400, "$", "expected a JSON object {\"signals\":[...]}");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("signals")) {
                throw new IngestRejectedException(400, name, "unknown field");
            }
        }
        JsonNode signals = root.get("signals");
        if (signals == null) {
            throw new IngestRejectedException(400, "signals", "missing");
        }
        if (!signals.isArray()) {
            throw new IngestRejectedException(400, "signals", "expected an array");
        }
        if (signals.size() > maxSignals) {
            throw new IngestRejectedException(413, "signals", "holds " + signals.size() + " signals, at most "
                    + maxSignals + " are accepted in one batch");
        }
        Instant latest = now.plus(maxFutureSkew);
        List<IngestedSignal> batch = new ArrayList<>(signals.size());
        for (int i = 0; i < signals.size(); i++) {
            batch.add(element(signals.get(i), "signals[" + i + "]", latest));
        }
        return batch;
    }

    private IngestedSignal element(JsonNode node, String path, Instant latest) {
        if (!node.isObject()) {
            throw new IngestRejectedException(400, path, "expected a signal object");
        }
        // The tree is this call's own: taking the id out of it leaves the signal's fields.
        JsonNode id = ((ObjectNode) node).remove("id");
        if (id == null) {
            throw new IngestRejectedException(400, path + ".id", "missing");
        }
        if (!id.isTextual() || !validId(id.textValue())) {
            throw new IngestRejectedException(400, path + ".id",
                    "expected a string of 1 to 128 letters, digits or . _ : -");
        }
        Signal signal;
        try {
            signal = codec.read(node);
        } catch (SignalDecodingException e) {
            String field = e.field().equals("$") ? path : path + "." + e.field();
            throw new IngestRejectedException(400, field, problem(e));
        }
        if (signal.time().isAfter(latest)) {
            throw new IngestRejectedException(422, path + ".time",
                    signal.time() + " is more than " + maxFutureSkew + " ahead of the server's clock");
        }
        return new IngestedSignal(id.textValue(), signal);
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

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new IngestRejectedException(400, "$", "empty body, expected {\"signals\":[...]}");
        }
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new IngestRejectedException(400, "$", "empty body, expected {\"signals\":[...]}");
            }
            return root;
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new IngestRejectedException(400, "$", "malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IngestRejectedException(400, "$", "cannot be read: " + e.getMessage());
        }
    }
}
