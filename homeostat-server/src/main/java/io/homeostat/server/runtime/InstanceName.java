package io.homeostat.server.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * Who a server is to what it shares with others (the database's server lease, a Redis consumer
 * group): its host and its data directory, so that a server started again on the same directory
 * is the same one, after a crash too.
 */
public final class InstanceName {

    private InstanceName() {}

    /** {@code host:/absolute/data/directory}. */
    public static String of(Path dataDirectory) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + dataDirectory.toAbsolutePath().normalize();
    }
}
