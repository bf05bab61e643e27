package io.homeostat.core.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Batch bodies the server did not take, one file each ({@code 0000000000000042.batch}, numbered
 * in the order they were spooled), written to a temporary file, forced to disk and renamed, so a
 * crash leaves whole batches only. Survives restarts: the files found at open are replayed first.
 * Not thread-safe: the publisher's sender thread is its only user.
 */
final class BatchSpool {

    /** One spooled batch. */
    record Entry(long sequence, byte[] body) {}

    private static final String SUFFIX = ".batch";

    private final Path directory;
    private final long maxBytes;
    private final TreeMap<Long, Long> sizes = new TreeMap<>();
    private long bytes;
    private long next;

    BatchSpool(Path directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(SUFFIX)) {
                        long sequence = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                        long size = Files.size(file);
                        sizes.put(sequence, size);
                        bytes += size;
                    } else if (name.endsWith(".tmp")) {
                        Files.delete(file); // a write a crash cut short
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot open the agent spool " + directory + ": " + e.getMessage(), e);
        }
        this.next = sizes.isEmpty() ? 1 : sizes.lastKey() + 1;
    }

    /**
     * Appends a batch at the tail.
     *
     * @return false if it would take the spool past its limit (the batch is not kept)
     * @throws UncheckedIOException if the file cannot be written
     */
    boolean append(byte[] body) {
        if (bytes + body.length > maxBytes) {
            return false;
        }
        long sequence = next++;
        write(sequence, body);
        bytes += body.length;
        return true;
    }

    /** The oldest batch, if any. */
    Optional<Entry> head() {
        if (sizes.isEmpty()) {
            return Optional.empty();
        }
        long sequence = sizes.firstKey();
        try {
            return Optional.of(new Entry(sequence, Files.readAllBytes(file(sequence))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(sequence), e);
        }
    }

    /**
     * Puts {@code body} in the place of batch {@code sequence} (what the server did not take of it),
     * atomically: a crash leaves the old batch or the new one.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    void replace(long sequence, byte[] body) {
        Long size = sizes.get(sequence);
        if (size == null) {
            throw new IllegalArgumentException("no spooled batch " + sequence);
        }
        write(sequence, body);
        bytes += body.length - size;
    }

    /** Writes batch {@code sequence} to a temporary file, forces it to disk and renames it into place. */
    private void write(long sequence, byte[] body) {
        Path file = file(sequence);
        Path temporary = directory.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(body);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + temporary, e);
        }
        sizes.put(sequence, (long) body.length);
    }

    /** Removes the batch {@code sequence} once the server took it. */
    void remove(long sequence) {
        Long size = sizes.remove(sequence);
        if (size != null) {
            bytes -= size;
            try {
                Files.deleteIfExists(file(sequence));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file(sequence), e);
            }
        }
    }

    boolean isEmpty() {
        return sizes.isEmpty();
    }

    int entries() {
        return sizes.size();
    }

    long bytes() {
        return bytes;
    }

    private Path file(long sequence) {
        return directory.resolve(String.format(Locale.ROOT, "%016d%s", sequence, SUFFIX));
    }
}
