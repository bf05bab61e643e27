package io.homeostat.engine.codec;

import io.homeostat.core.signal.Signal;
import io.homeostat.engine.codec.internal.AsciiStrings;
import io.homeostat.engine.codec.internal.ByteSignalReader;

/**
 * Reads signal objects in the {@link SignalCodec} form straight from UTF-8 bytes, without a JSON
 * parser, for the signals senders write most: metric samples and operation outcomes whose
 * strings are plain ASCII without escapes (up to 4,096 characters, up to 32 tags) and whose time
 * is in the canonical ISO-8601 form from 1970 on ({@code 2026-01-01T00:00:00Z}, with a fraction of
 * 1 to 9 digits or none). Any other object, valid or not, it declines ({@link #NOT_READ}), and the caller reads
 * that one with a {@link SignalStreamReader}, which accepts it or names what is wrong. For an
 * object it does read, the signal is the one the stream reader would make of the same bytes. The
 * names it reads (services, metrics, tags) come from a small table of recent ones shared by the
 * codec's readers, so a name a stream repeats is mostly one string (not always: compare names
 * with {@code equals}). Get one from
 * {@link SignalCodec#byteReader(String...)}.
 *
 * <p>Not thread-safe: it keeps the object read last; one per thread.
 */
public final class SignalByteReader {

    /** What {@link #read} answers for an object left to the stream reader. */
    public static final int NOT_READ = ByteSignalReader.NOT_READ;

    private final ByteSignalReader reader;

    SignalByteReader(AsciiStrings strings, String... extraFields) {
        this.reader = new ByteSignalReader(strings, extraFields);
    }

    /**
     * Reads the object that starts at {@code json[from]}.
     *
     * @return the index just past its closing brace, or {@link #NOT_READ} if it is one for the
     *     stream reader (it may be valid or not)
     * @throws IndexOutOfBoundsException if {@code from} is not an index of {@code json}
     */
    public int read(byte[] json, int from) {
        return reader.read(json, from);
    }

    /** The signal of the object read last. */
    public Signal signal() {
        return reader.signal();
    }

    /** The string value of the extra field {@code name} of the object read last; null if absent or not a string. */
    public String text(String name) {
        return reader.text(name);
    }

    /**
     * The index just past the JSON value that starts at {@code json[from]} (after any whitespace),
     * found by its brackets and quotes alone, without checking it: the bounds of an object to hand
     * to a parser ({@link SignalCodec#parser(byte[], int, int)}). {@link #NOT_READ} if it is
     * unterminated, nests very deep or is not a value.
     *
     * @throws IndexOutOfBoundsException if {@code from} is not an index of {@code json}
     */
    public static int skip(byte[] json, int from) {
        return ByteSignalReader.skip(json, from);
    }
}
