package io.homeostat.store.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * A durable, bounded, append-only queue of byte entries in one file, read back in the order they
 * were written.
 *
 * <p>Each entry is {@code [length: int][crc32c of the payload: int][payload]}, and
 * {@link #append} forces it to disk before it returns. A second small file keeps the position of
 * the next entry to replay; it is written without forcing, because replaying an entry twice must
 * be harmless to the spool's user (the store's inserts ignore ids they already have). When every
 * entry has been replayed the file is emptied.
 *
 * <p>On {@link #open}, entries are checked: the first torn or corrupt entry (a crash in the middle
 * of an append) and everything after it is cut off and counted in
 * {@link SpoolStats#discardedTailBytes()}.
 *
 * <p>Not thread-safe: one thread (the store's writer) owns a spool.
 */
public final class Spool implements AutoCloseable {

    /** The fill at which {@link SpoolStats#nearFull()} turns true: 0.8. */
    public static final double NEAR_FULL = 0.8;

    private static final int HEADER = 8;
    private static final int MAX_ENTRY = 64 << 20;

    private final FileChannel data;
    private final FileChannel position;
    private final long maxBytes;
    private final long discardedTailBytes;
    private long size;
    private long readAt;
    private long pending;
    private long appended;
    private long replayed;
    private long refused;
    private int peekedLength = -1;

    private Spool(FileChannel data, FileChannel position, long maxBytes, long size, long readAt, long pending,
            long discardedTailBytes) {
        this.data = data;
        this.position = position;
        this.maxBytes = maxBytes;
        this.size = size;
        this.readAt = readAt;
        this.pending = pending;
        this.discardedTailBytes = discardedTailBytes;
    }

    /**
     * Opens (or creates) the spool in {@code directory}, checking every entry.
     *
     * @param maxBytes the most bytes the spool file may take
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     * @throws SpoolException if the directory or its files cannot be created, read or written
     */
    public static Spool open(Path directory, long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        try {
            Files.createDirectories(directory);
            FileChannel data = FileChannel.open(directory.resolve("spool.log"),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileChannel position = FileChannel.open(directory.resolve("spool.pos"),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            long readAt = readPosition(position);
            long valid = 0;
            long entries = 0;
            long entriesBefore = 0;
            long fileSize = data.size();
            while (true) {
                int length = entryLength(data, valid, fileSize);
                if (length < 0) {
                    break;
                }
                if (valid < readAt) {
                    entriesBefore++;
                }
                valid += HEADER + length;
                entries++;
            }
            if (valid < fileSize) {
                data.truncate(valid);
                data.force(true);
            }
            if (readAt > valid || entryBoundaryMismatch(data, readAt, valid)) {
                readAt = 0; // a stale or damaged position: replay everything (replays are harmless)
                entriesBefore = 0;
            }
            long discarded = fileSize - valid;
            if (entries == entriesBefore && valid > 0) {
                // everything was replayed before a crash kept the file from being emptied
                data.truncate(0);
                data.force(true);
                position.write(ByteBuffer.allocate(Long.BYTES), 0);
                valid = 0;
                readAt = 0;
            }
            return new Spool(data, position, maxBytes, valid, readAt, entries - entriesBefore, discarded);
        } catch (IOException e) {
            throw new SpoolException("cannot open the spool in " + directory.toAbsolutePath(), e);
        }
    }

    /**
     * Appends {@code payload} as one entry and forces it to disk; returns false, appending
     * nothing, when the entry would take the spool past its bound.
     *
     * @throws IllegalArgumentException if the payload is empty or over 64 MiB
     * @throws SpoolException if the file cannot be written (the entry may then be torn; the next
     *     open cuts it off)
     */
    public boolean append(byte[] payload) {
        if (payload.length == 0 || payload.length > MAX_ENTRY) {
            throw new IllegalArgumentException("an entry must have 1 byte to 64 MiB, had " + payload.length);
        }
        if (size + HEADER + payload.length > maxBytes) {
            refused++;
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + payload.length);
        buffer.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        try {
            long at = size;
            while (buffer.hasRemaining()) {
                at += data.write(buffer, at);
            }
            data.force(false);
            size = at;
        } catch (IOException e) {
            throw new SpoolException("cannot append to the spool", e);
        }
        pending++;
        appended++;
        return true;
    }

    /**
     * The oldest entry not yet replayed, without consuming it; {@link #commit()} consumes it.
     *
     * @throws SpoolException if the file cannot be read
     */
    public Optional<byte[]> peek() {
        if (pending == 0) {
            return Optional.empty();
        }
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(data, header, readAt);
            int length = header.getInt(0);
            ByteBuffer payload = ByteBuffer.allocate(length);
            readFully(data, payload, readAt + HEADER);
            peekedLength = length;
            return Optional.of(payload.array());
        } catch (IOException e) {
            throw new SpoolException("cannot read the spool", e);
        }
    }

    /**
     * Marks the entry returned by the last {@link #peek()} as replayed; when it was the last, the
     * spool file is emptied.
     *
     * @throws IllegalStateException if no entry was peeked since the last commit
     * @throws SpoolException if the files cannot be written
     */
    public void commit() {
        if (peekedLength < 0) {
            throw new IllegalStateException("commit without a peeked entry");
        }
        boolean last = pending == 1;
        long next = last ? 0 : readAt + HEADER + peekedLength;
        // The files first, then what this object believes: a commit that fails leaves both as they
        // were (the entry still peeked, to be committed again). The position goes to 0 before the
        // file is emptied, so a crash between the two replays entries again rather than skipping
        // any; users replay idempotently.
        try {
            position.write(ByteBuffer.allocate(Long.BYTES).putLong(0, next), 0);
            if (last) {
                data.truncate(0);
                data.force(true);
            }
        } catch (IOException e) {
            throw new SpoolException("cannot record the replay position", e);
        }
        if (last) {
            size = 0;
        }
        readAt = next;
        peekedLength = -1;
        pending--;
        replayed++;
    }

    /**
     * Hands every entry not yet replayed to {@code reader}, oldest first, without consuming any: how
     * a user rebuilds, after a restart, what it knew of the entries it had appended.
     *
     * @throws SpoolException if the file cannot be read
     */
    public void forEachPending(Consumer<byte[]> reader) {
        try {
            long at = readAt;
            for (long i = 0; i < pending; i++) {
                ByteBuffer header = ByteBuffer.allocate(HEADER);
                readFully(data, header, at);
                ByteBuffer payload = ByteBuffer.allocate(header.getInt(0));
                readFully(data, payload, at + HEADER);
                reader.accept(payload.array());
                at += HEADER + payload.capacity();
            }
        } catch (IOException e) {
            throw new SpoolException("cannot read the spool", e);
        }
    }

    /** Whether every entry has been replayed. */
    public boolean isEmpty() {
        return pending == 0;
    }

    /** The spool's counts now. */
    public SpoolStats stats() {
        return new SpoolStats(pending, size, maxBytes, appended, replayed, refused, discardedTailBytes);
    }

    /**
     * Closes the files; entries not replayed stay for the next {@link #open}.
     *
     * @throws UncheckedIOException if a file cannot be closed
     */
    @Override
    public void close() {
        try (data; position) {
            // closes both
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long readPosition(FileChannel position) throws IOException {
        if (position.size() < Long.BYTES) {
            return 0;
        }
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES);
        readFully(position, buffer, 0);
        long at = buffer.getLong(0);
        return at < 0 ? 0 : at;
    }

    /** The payload length of a sound entry at {@code at}, or -1 when there is none or it is torn or corrupt. */
    private static int entryLength(FileChannel data, long at, long fileSize) throws IOException {
        if (fileSize - at < HEADER) {
            return -1;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        readFully(data, header, at);
        int length = header.getInt(0);
        if (length <= 0 || length > MAX_ENTRY || fileSize - at - HEADER < length) {
            return -1;
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(data, payload, at + HEADER);
        CRC32C crc = new CRC32C();
        crc.update(payload.array());
        return (int) crc.getValue() == header.getInt(4) ? length : -1;
    }

    /** Whether {@code readAt} falls between entries' starts (checked by walking from 0). */
    private static boolean entryBoundaryMismatch(FileChannel data, long readAt, long valid) throws IOException {
        long at = 0;
        while (at < readAt) {
            int length = entryLength(data, at, valid);
            if (length < 0) {
                return true;
            }
            at += HEADER + length;
        }
        return at != readAt;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        long offset = at;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, offset);
            if (n < 0) {
                throw new IOException("unexpected end of the spool file at " + offset);
            }
            offset += n;
        }
    }
}
