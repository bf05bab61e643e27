package io.homeostat.server;

import java.nio.file.Path;

/** A server did not start because another one (in this process or another) uses its data directory. */
public final class DataDirectoryInUseException extends IllegalStateException {

    DataDirectoryInUseException(Path dataDirectory) {
        super(message(dataDirectory));
    }

    /** What a server or {@code homeostat db} says of a data directory another process uses. */
    public static String message(Path dataDirectory) {
        return "the data directory " + dataDirectory.toAbsolutePath() + " is in use by another process (another server?"
                + " stop it, or pass another --data)";
    }
}
