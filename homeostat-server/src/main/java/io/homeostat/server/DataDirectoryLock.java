package io.homeostat.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per data directory, whatever its database: an exclusive lock on {@value #FILE} in
 * it, held from before the store opens until the server has closed. On H2 the database file's own
 * lock says as much; on PostgreSQL nothing else would, and two servers on one directory would share
 * its spools and their name to the database's lease and to Redis. The operating system
 * drops the lock when the process dies, so a server killed with {@code kill -9} leaves nothing to
 * clean up.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE = "server.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dataDirectory}, making the directory if it does not exist.
     *
     * @throws DataDirectoryInUseException if another process (or another server in this one) holds it
     * @throws UncheckedIOException if the directory or the lock file cannot be made
     */
    static DataDirectoryLock take(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DataDirectoryInUseException(dataDirectory);
            }
            return new DataDirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw new DataDirectoryInUseException(dataDirectory);
        } catch (DataDirectoryInUseException e) {
            close(channel);
            throw e;
        } catch (IOException e) {
            close(channel);
            String why = Files.exists(dataDirectory) && !Files.isDirectory(dataDirectory) ? "it is not a directory"
                    : e instanceof AccessDeniedException ? "permission denied" : e.toString();
            throw new UncheckedIOException("the data directory " + dataDirectory.toAbsolutePath() + " cannot be used: "
                    + why, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held any more
            }
        }
    }
}
