package io.homeostat.engine.codec.internal;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.OperationOutcome;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.SignalKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the signals senders write most, metric samples and operation outcomes in plain ASCII,
 * straight from UTF-8 bytes, without a JSON parser: on the ingest path, Jackson's tokens, a
 * {@code String} per value and a lookup per field name were most of a batch's cost. It answers
 * only when sure. For an object it reads, the signal is the one {@link SignalReader} makes of the
 * same bytes; anything else (another kind, an escape or a non-ASCII byte in a string, a number it
 * cannot read exactly, a missing, repeated or unknown field, a value out of range, malformed JSON)
 * it declines with {@link #NOT_READ}, and the caller reads that object with the parser, which
 * either accepts it or names what is wrong. So errors have one source, and this class only has to
 * be right about what it accepts.
 *
 * <p>Not thread-safe: it keeps the object read last; one per reading thread.
 */
public final class ByteSignalReader {

    /** What {@link #read} answers for an object it leaves to the parser. */
    public static final int NOT_READ = -1;

    /** Nesting deeper than this is left to the parser by {@link #skip}. */
    private static final int MAX_DEPTH = 64;
    /**
     * Numbers this long and longer are left to the parser (Jackson's default limit, 1,000, is on
     * their digits; below it they are read alike, so declining a little early costs nothing).
     */
    private static final int MAX_NUMBER_LENGTH = 1000;
    /**
     * Strings (names and values) longer than this are left to the parser, which applies its own
     * limits (50,000 characters for a field name, 20 million for a value); signals' names are at
     * most {@value Signal#MAX_NAME_LENGTH}.
     */
    private static final int MAX_STRING_LENGTH = 4096;
    /** Objects with more tags are left to the parser: checking for a repeated key here is quadratic. */
    private static final int MAX_TAGS = 32;
    /** Integers of up to 18 digits fit a long; of 19, some do. */
    private static final int MAX_LONG_DIGITS = 18;
    /** The powers of ten a double holds exactly. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long EXACT_MANTISSA = 1L << 53;
    private static final long SECONDS_PER_DAY = 86_400;
    /** {@code 2026-01-01T00:00}: the part of a time shared by a minute's signals. */
    private static final int MINUTE_LENGTH = 16;

    // A field's slot: the signal fields this reader knows, then the caller's extra fields.
    private static final int KIND = 0;
    private static final int SERVICE = 1;
    private static final int TIME = 2;
    private static final int TAGS = 3;
    private static final int METRIC = 4;
    private static final int VALUE = 5;
    private static final int STATUS = 6;
    private static final int CATEGORY = 7;
    private static final int LATENCY = 8;
    private static final int TIER = 9;
    private static final int FIRST_EXTRA = 10;
    private static final String[] SIGNAL_FIELDS = {Names.KIND, Names.SERVICE, Names.TIME, Names.TAGS, Names.METRIC,
        Names.VALUE, Names.STATUS, Names.CATEGORY, Names.LATENCY_NANOS, Names.FALLBACK_TIER};
    private static final byte[][] SIGNAL_FIELD_NAMES = Arrays.stream(SIGNAL_FIELDS).map(ByteSignalReader::ascii)
            .toArray(byte[][]::new);
    private static final long COMMON_FIELDS = bit(KIND) | bit(SERVICE) | bit(TIME) | bit(TAGS);
    private static final long SAMPLE_FIELDS = COMMON_FIELDS | bit(METRIC) | bit(VALUE);
    private static final long OUTCOME_FIELDS = COMMON_FIELDS | bit(STATUS) | bit(CATEGORY) | bit(LATENCY) | bit(TIER);

    // The JSON type of a field's value.
    private static final byte STRING = 1;
    private static final byte INTEGER = 2;
    private static final byte FLOAT = 3;
    private static final byte NULL = 4;
    private static final byte OBJECT = 5;

    private static final byte[] SAMPLE_KIND = ascii(SignalKind.METRIC_SAMPLE.wireName());
    private static final byte[] OUTCOME_KIND = ascii(SignalKind.OPERATION_OUTCOME.wireName());
    private static final byte[][] STATUSES = wireNames(OperationOutcome.Status.values());
    private static final byte[][] CATEGORIES = wireNames(ErrorCategory.values());
    private static final byte[] LITERAL_NULL = ascii("null");

    private final AsciiStrings strings;
    private final byte[][] names;
    /** For each slot, and for the start of an object (the last index), the slot seen after it last time. */
    private final int[] next;
    private final int start;
    private final String[] extra;
    private final long extraFields;

    // The object read last: which fields it has, each value's type and where it lies in json.
    private byte[] json;
    private long present;
    private final byte[] types;
    private final int[] starts;
    private final int[] ends;
    private final long[] longs;
    private final double[] doubles;
    /** The tags' key and value bounds, four ints a tag: key start, key end, value start, value end. */
    private int[] tagBounds = new int[16];
    private int tagCount;
    private Signal signal;
    /** The text of the last minute read ({@code 2026-01-01T00:00}; zeros until then) and its epoch second. */
    private final byte[] minute = new byte[MINUTE_LENGTH];
    private long minuteSeconds;

    /**
     * @param strings where the names of signals come from (shared with other readers)
     * @param extra names of fields the caller reads itself (with {@link #text}); not refused as unknown
     */
    public ByteSignalReader(AsciiStrings strings, String... extra) {
        if (FIRST_EXTRA + extra.length > Long.SIZE) {
            throw new IllegalArgumentException("at most " + (Long.SIZE - FIRST_EXTRA) + " extra fields");
        }
        this.strings = strings;
        this.extra = extra.clone();
        int slots = FIRST_EXTRA + extra.length;
        this.names = Arrays.copyOf(SIGNAL_FIELD_NAMES, slots);
        for (int slot = FIRST_EXTRA; slot < slots; slot++) {
            String name = extra[slot - FIRST_EXTRA];
            if (!name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
                throw new IllegalArgumentException("field names must be printable ASCII without quotes or"
                        + " backslashes, was '" + name + "'");
            }
            names[slot] = ascii(name);
        }
        this.extraFields = ((1L << extra.length) - 1) << FIRST_EXTRA;
        this.next = new int[slots + 1];
        this.start = slots;
        this.types = new byte[slots];
        this.starts = new int[slots];
        this.ends = new int[slots];
        this.longs = new long[slots];
        this.doubles = new double[slots];
    }

    /**
     * Reads the object that starts at {@code json[from]}.
     *
     * @return the index just past the object's closing brace, or {@link #NOT_READ} if the object is
     *     one to read with the parser (it may be valid or not)
     * @throws IndexOutOfBoundsException if {@code from} is not an index of {@code json}
     */
    public int read(byte[] json, int from) {
        Objects.checkIndex(from, json.length);
        this.json = json;
        this.present = 0;
        this.tagCount = 0;
        this.signal = null;
        if (at(from) != '{') {
            return NOT_READ;
        }
        int i = whitespace(from + 1);
        int slot = start;
        while (true) {
            if (at(i) != '"') {
                return NOT_READ;
            }
            // Senders write the fields in the same order each time: the field that followed this one
            // last time is tried first, without looking for the name's end.
            int expected = next[slot];
            int nameEnd = i + 1 + names[expected].length;
            if (at(nameEnd) == '"' && sameBytes(names[expected], i + 1, nameEnd)) {
                slot = expected;
            } else {
                nameEnd = stringEnd(i + 1);
                slot = nameEnd < 0 ? -1 : slot(i + 1, nameEnd, slot);
            }
            if (slot < 0 || (present & bit(slot)) != 0) {
                return NOT_READ;
            }
            present |= bit(slot);
            i = whitespace(nameEnd + 1);
            if (at(i) != ':') {
                return NOT_READ;
            }
            i = value(slot, whitespace(i + 1));
            if (i < 0) {
                return NOT_READ;
            }
            i = whitespace(i);
            if (at(i) == ',') {
                i = whitespace(i + 1);
            } else if (at(i) == '}') {
                signal = decode();
                return signal == null ? NOT_READ : i + 1;
            } else {
                return NOT_READ;
            }
        }
    }

    /** The signal of the object {@link #read} last read. */
    public Signal signal() {
        return signal;
    }

    /** The string value of the extra field {@code name} of the object read last; null if absent or not a string. */
    public String text(String name) {
        for (int i = 0; i < extra.length; i++) {
            int slot = FIRST_EXTRA + i;
            if (extra[i].equals(name) && isString(slot)) {
                return new String(json, starts[slot], ends[slot] - starts[slot], StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /**
     * The index just past the JSON value that starts at {@code json[from]} (after any
     * whitespace), found by its brackets and quotes alone: the bounds of a value to hand to the
     * parser, which checks it. {@link #NOT_READ} if the value is unterminated, nests more than
     * {@value #MAX_DEPTH} deep or is not a value.
     *
     * @throws IndexOutOfBoundsException if {@code from} is not an index of {@code json}
     */
    public static int skip(byte[] json, int from) {
        Objects.checkIndex(from, json.length);
        return new Skipper(json).value(from, 0);
    }

    private int value(int slot, int i) {
        byte first = at(i);
        if (first == '"') {
            int end = stringEnd(i + 1);
            types[slot] = STRING;
            starts[slot] = i + 1;
            ends[slot] = end;
            return end < 0 ? NOT_READ : end + 1;
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return number(slot, i);
        }
        if (first == 'n' && Arrays.equals(json, i, Math.min(i + 4, json.length), LITERAL_NULL, 0, 4)) {
            types[slot] = NULL;
            return i + 4;
        }
        if (first == '{' && slot == TAGS) {
            types[slot] = OBJECT;
            return tags(i);
        }
        return NOT_READ; // true, false, arrays, other objects: not in the signals read here
    }

    /** Reads the tags object at {@code json[i]}: strings only, no key twice. */
    private int tags(int i) {
        i = whitespace(i + 1);
        if (at(i) == '}') {
            return i + 1;
        }
        while (true) {
            int keyStart = i + 1;
            int keyEnd = at(i) == '"' ? stringEnd(keyStart) : NOT_READ;
            if (keyEnd < 0 || repeatsKey(keyStart, keyEnd)) {
                return NOT_READ;
            }
            i = whitespace(keyEnd + 1);
            if (at(i) != ':') {
                return NOT_READ;
            }
            i = whitespace(i + 1);
            int valueStart = i + 1;
            int valueEnd = at(i) == '"' ? stringEnd(valueStart) : NOT_READ;
            if (valueEnd < 0) {
                return NOT_READ;
            }
            if (tagCount == MAX_TAGS) {
                return NOT_READ;
            }
            if (4 * tagCount + 4 > tagBounds.length) {
                tagBounds = Arrays.copyOf(tagBounds, tagBounds.length * 2);
            }
            int at = 4 * tagCount++;
            tagBounds[at] = keyStart;
            tagBounds[at + 1] = keyEnd;
            tagBounds[at + 2] = valueStart;
            tagBounds[at + 3] = valueEnd;
            i = whitespace(valueEnd + 1);
            if (at(i) == ',') {
                i = whitespace(i + 1);
            } else {
                return at(i) == '}' ? i + 1 : NOT_READ;
            }
        }
    }

    private boolean repeatsKey(int start, int end) {
        for (int tag = 0; tag < tagCount; tag++) {
            if (Arrays.equals(json, tagBounds[4 * tag], tagBounds[4 * tag + 1], json, start, end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the number at {@code json[i]} as JSON writes it. An integer that fits a long is read as
     * one, its double value the long's (as the parser's reader takes it); a fraction or
     * exponent is a float, exact where its digits and power of ten are (one correctly rounded
     * multiplication or division), otherwise by {@link Double#parseDouble}, which rounds correctly
     * as the parser's reader does.
     */
    private int number(int slot, int i) {
        int first = i;
        boolean negative = at(i) == '-';
        if (negative) {
            i++;
        }
        int integerStart = i;
        if (at(i) == '0') {
            i++;
            if (isDigit(at(i))) {
                return NOT_READ; // a leading zero: malformed
            }
        } else if (isDigit(at(i))) {
            while (isDigit(at(i))) {
                i++;
            }
        } else {
            return NOT_READ;
        }
        int integerEnd = i;
        int fractionEnd = i;
        boolean isFloat = false;
        if (at(i) == '.') {
            i++;
            while (isDigit(at(i))) {
                i++;
            }
            if (i == integerEnd + 1) {
                return NOT_READ;
            }
            fractionEnd = i;
            isFloat = true;
        }
        int exponent = 0;
        boolean shortExponent = true;
        if (at(i) == 'e' || at(i) == 'E') {
            isFloat = true;
            i++;
            boolean negativeExponent = at(i) == '-';
            if (negativeExponent || at(i) == '+') {
                i++;
            }
            int exponentStart = i;
            while (isDigit(at(i))) {
                exponent = exponent * 10 + (at(i) - '0');
                shortExponent &= i - exponentStart < 4;
                i++;
            }
            if (i == exponentStart) {
                return NOT_READ;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i - first >= MAX_NUMBER_LENGTH) {
            return NOT_READ;
        }
        int integerDigits = integerEnd - integerStart;
        if (!isFloat) {
            if (integerDigits > MAX_LONG_DIGITS + 1) {
                return NOT_READ; // beyond a long: the parser's big integer
            }
            long value;
            if (integerDigits <= MAX_LONG_DIGITS) {
                value = negative ? -digits(integerStart, integerEnd, 0) : digits(integerStart, integerEnd, 0);
            } else {
                try {
                    value = Long.parseLong(new String(json, first, i - first, StandardCharsets.ISO_8859_1));
                } catch (NumberFormatException e) {
                    return NOT_READ; // 19 digits beyond a long
                }
            }
            types[slot] = INTEGER;
            longs[slot] = value;
            doubles[slot] = value;
            return i;
        }
        types[slot] = FLOAT;
        int fractionDigits = Math.max(0, fractionEnd - integerEnd - 1);
        long mantissa = integerDigits + fractionDigits <= MAX_LONG_DIGITS
                ? digits(integerEnd + 1, fractionEnd, digits(integerStart, integerEnd, 0)) : EXACT_MANTISSA;
        int power = exponent - fractionDigits;
        double magnitude;
        if (shortExponent && mantissa < EXACT_MANTISSA && power >= -22 && power <= 22) {
            magnitude = power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
            doubles[slot] = negative ? -magnitude : magnitude;
        } else {
            doubles[slot] = Double.parseDouble(new String(json, first, i - first, StandardCharsets.ISO_8859_1));
        }
        return i;
    }

    /** {@code value} followed by the decimal digits in {@code json[from, to)} (skipping none). */
    private long digits(int from, int to, long value) {
        for (int i = from; i < to; i++) {
            value = value * 10 + (json[i] - '0');
        }
        return value;
    }

    /** The signal of the fields read, or null if the parser should judge them. */
    private Signal decode() {
        if (!isString(KIND)) {
            return null;
        }
        boolean sample = equalsText(KIND, SAMPLE_KIND);
        if (!sample && !equalsText(KIND, OUTCOME_KIND)) {
            return null;
        }
        long allowed = (sample ? SAMPLE_FIELDS : OUTCOME_FIELDS) | extraFields;
        if ((present & ~allowed) != 0) {
            return null;
        }
        String service = name(SERVICE);
        Instant time = time();
        Map<String, String> tags = tags();
        if (service == null || time == null || tags == null) {
            return null;
        }
        return sample ? sample(service, time, tags) : outcome(service, time, tags);
    }

    private MetricSample sample(String service, Instant time, Map<String, String> tags) {
        String metric = name(METRIC);
        boolean number = has(VALUE) && (types[VALUE] == INTEGER || types[VALUE] == FLOAT);
        if (metric == null || !number || !Double.isFinite(doubles[VALUE])) {
            return null;
        }
        return new MetricSample(service, metric, doubles[VALUE], time, tags);
    }

    private OperationOutcome outcome(String service, Instant time, Map<String, String> tags) {
        int status = isString(STATUS) ? indexIn(STATUS, STATUSES) : -1;
        boolean noCategory = isAbsent(CATEGORY);
        int category = isString(CATEGORY) ? indexIn(CATEGORY, CATEGORIES) : -1;
        boolean latency = has(LATENCY) && types[LATENCY] == INTEGER && longs[LATENCY] >= 0;
        boolean tier = isAbsent(TIER) || isString(TIER);
        if (status < 0 || (noCategory ? status != OperationOutcome.Status.SUCCESS.ordinal() : category < 0)
                || !latency || !tier) {
            return null;
        }
        return new OperationOutcome(service, OperationOutcome.Status.values()[status],
                noCategory ? null : ErrorCategory.values()[category], longs[LATENCY],
                isAbsent(TIER) ? null : strings.get(json, starts[TIER], ends[TIER]), time, tags);
    }

    /** A string that is not blank and not longer than {@value Signal#MAX_NAME_LENGTH}; null otherwise. */
    private String name(int slot) {
        if (!isString(slot)) {
            return null;
        }
        int from = starts[slot];
        int to = ends[slot];
        if (to - from > Signal.MAX_NAME_LENGTH || blank(from, to)) {
            return null;
        }
        return strings.get(json, from, to);
    }

    /** Only spaces (the only whitespace ASCII has without an escape) or nothing. */
    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (json[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    private Map<String, String> tags() {
        if (isAbsent(TAGS)) {
            return Map.of();
        }
        if (types[TAGS] != OBJECT) {
            return null;
        }
        return switch (tagCount) {
            case 0 -> Map.of();
            case 1 -> Map.of(tagKey(0), tagValue(0));
            case 2 -> Map.of(tagKey(0), tagValue(0), tagKey(1), tagValue(1));
            default -> {
                Map<String, String> tags = new HashMap<>();
                for (int tag = 0; tag < tagCount; tag++) {
                    tags.put(tagKey(tag), tagValue(tag));
                }
                yield Map.copyOf(tags);
            }
        };
    }

    private String tagKey(int tag) {
        return strings.get(json, tagBounds[4 * tag], tagBounds[4 * tag + 1]);
    }

    private String tagValue(int tag) {
        return strings.get(json, tagBounds[4 * tag + 2], tagBounds[4 * tag + 3]);
    }

    /**
     * The time, if written as {@code Instant.toString()} writes it
     * ({@code 2026-01-01T00:00:00.250Z}: seconds, 1 to 9 digits of fraction, {@code Z}) and no
     * earlier than 1970; null otherwise (other forms of ISO-8601, and earlier times, are the
     * parser's to read or refuse).
     */
    private Instant time() {
        if (!isString(TIME)) {
            return null;
        }
        int from = starts[TIME];
        int length = ends[TIME] - from;
        if (length < 20 || length > 30 || json[from + length - 1] != 'Z' || json[from + 4] != '-'
                || json[from + 7] != '-' || json[from + 10] != 'T' || json[from + 13] != ':'
                || json[from + 16] != ':' || (length > 20 && (json[from + 19] != '.' || length == 21))) {
            return null;
        }
        if (!sameBytes(minute, from, from + MINUTE_LENGTH) && !minute(from)) {
            return null;
        }
        int second = decimal(from + 17, 2);
        int fractionDigits = Math.max(0, length - 21);
        int nanos = fractionDigits == 0 ? 0 : decimal(from + 20, fractionDigits);
        if (second < 0 || second > 59 || nanos < 0) {
            return null;
        }
        for (int i = fractionDigits; i < 9; i++) {
            nanos *= 10;
        }
        return Instant.ofEpochSecond(minuteSeconds + second, nanos);
    }

    /**
     * Reads the date, hour and minute at {@code json[from]} into {@link #minute} and
     * {@link #minuteSeconds}, for this time and the next ones of the same minute (most of a
     * batch); false, and nothing kept, if they are not a valid time from 1970 on.
     */
    private boolean minute(int from) {
        int year = decimal(from, 4);
        int month = decimal(from + 5, 2);
        int day = decimal(from + 8, 2);
        int hour = decimal(from + 11, 2);
        int minuteOfHour = decimal(from + 14, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minuteOfHour < 0 || minuteOfHour > 59) {
            return false;
        }
        minuteSeconds = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minuteOfHour * 60L;
        System.arraycopy(json, from, minute, 0, MINUTE_LENGTH);
        return true;
    }

    /** The decimal number of the {@code digits} bytes at {@code from}, or -1 if one is not a digit. */
    private int decimal(int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            byte c = json[i];
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a valid date from 1970 on, by the proleptic Gregorian calendar. */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = y / 400;
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    /** The index of the string value of {@code slot} among {@code wireNames}, or -1. */
    private int indexIn(int slot, byte[][] wireNames) {
        for (int i = 0; i < wireNames.length; i++) {
            if (equalsText(slot, wireNames[i])) {
                return i;
            }
        }
        return -1;
    }

    private boolean equalsText(int slot, byte[] text) {
        return sameBytes(text, starts[slot], ends[slot]);
    }

    /**
     * The slot of the field named by {@code json[from, to)}, or -1 if this reader does not know it;
     * remembered as the one that follows {@code previous}.
     */
    private int slot(int from, int to, int previous) {
        for (int slot = 0; slot < names.length; slot++) {
            if (sameBytes(names[slot], from, to)) {
                next[previous] = slot;
                return slot;
            }
        }
        return -1;
    }

    /** Whether {@code json[from, to)} holds {@code text}; a plain loop, for the short names compared here. */
    private boolean sameBytes(byte[] text, int from, int to) {
        if (text.length != to - from) {
            return false;
        }
        for (int i = 0; i < text.length; i++) {
            if (text[i] != json[from + i]) {
                return false;
            }
        }
        return true;
    }

    private boolean has(int slot) {
        return (present & bit(slot)) != 0;
    }

    private boolean isString(int slot) {
        return has(slot) && types[slot] == STRING;
    }

    /** Absent or null, which the codec reads alike for optional fields. */
    private boolean isAbsent(int slot) {
        return !has(slot) || types[slot] == NULL;
    }

    /**
     * The index of the quote that ends the string whose first character is at {@code i}, or
     * {@link #NOT_READ} if it holds an escape, a control character or a byte that is not ASCII,
     * or is longer than {@value #MAX_STRING_LENGTH}.
     */
    private int stringEnd(int i) {
        byte[] bytes = json;
        int end = Math.min(bytes.length, i + MAX_STRING_LENGTH + 1);
        for (; i < end; i++) {
            byte c = bytes[i];
            if (c == '"') {
                return i;
            }
            if (c < 0x20 || c == '\\') { // bytes of 0x80 and above are negative
                return NOT_READ;
            }
        }
        return NOT_READ;
    }

    private int whitespace(int i) {
        return whitespace(json, i);
    }

    /** The index of the first byte from {@code i} on that is not JSON whitespace. */
    private static int whitespace(byte[] json, int i) {
        while (i < json.length && json[i] <= ' ' && isWhitespace(json[i])) {
            i++;
        }
        return i;
    }

    /** The byte at {@code i}, or 0 (which no check accepts) past the end. */
    private byte at(int i) {
        return i < json.length ? json[i] : 0;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static long bit(int slot) {
        return 1L << slot;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] wireNames(Enum<?>[] constants) {
        byte[][] names = new byte[constants.length][];
        for (Enum<?> constant : constants) {
            names[constant.ordinal()] = ascii(SignalWriter.lower(constant));
        }
        return names;
    }

    /** Finds a value's end by brackets and quotes, as {@link #skip} documents. */
    private record Skipper(byte[] json) {

        int value(int i, int depth) {
            i = whitespace(i);
            if (i >= json.length) {
                return NOT_READ;
            }
            byte first = json[i];
            if (first == '{' || first == '[') {
                return depth == MAX_DEPTH ? NOT_READ : container(i, first == '{' ? (byte) '}' : (byte) ']', depth + 1);
            }
            if (first == '"') {
                return string(i + 1);
            }
            int end = i;
            while (end < json.length && !isWhitespace(json[end]) && json[end] != ',' && json[end] != '}'
                    && json[end] != ']' && json[end] != ':' && json[end] != '"') {
                end++;
            }
            return end == i ? NOT_READ : end;
        }

        private int container(int i, byte close, int depth) {
            i = whitespace(i + 1);
            if (i < json.length && json[i] == close) {
                return i + 1;
            }
            while (true) {
                if (close == '}') {
                    i = whitespace(i);
                    if (i >= json.length || json[i] != '"') {
                        return NOT_READ;
                    }
                    i = string(i + 1);
                    if (i < 0) {
                        return NOT_READ;
                    }
                    i = whitespace(i);
                    if (i >= json.length || json[i] != ':') {
                        return NOT_READ;
                    }
                    i++;
                }
                i = value(i, depth);
                if (i < 0) {
                    return NOT_READ;
                }
                i = whitespace(i);
                if (i >= json.length) {
                    return NOT_READ;
                }
                if (json[i] == close) {
                    return i + 1;
                }
                if (json[i] != ',') {
                    return NOT_READ;
                }
                i++;
            }
        }

        /** Past the quote closing the string whose first character is at {@code i}; escapes skipped. */
        private int string(int i) {
            for (; i < json.length; i++) {
                byte c = json[i];
                if (c == '"') {
                    return i + 1;
                }
                if (c == '\\') {
                    i++;
                }
            }
            return NOT_READ;
        }

        private int whitespace(int i) {
            return ByteSignalReader.whitespace(json, i);
        }
    }
}
