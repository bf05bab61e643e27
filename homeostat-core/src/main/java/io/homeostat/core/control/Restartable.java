package io.homeostat.core.control;

import java.net.URI;
import java.time.Duration;

/**
 * A component of the application the kernel control may restart gracefully, registered under a
 * name: an embedded server, a consumer, a worker pool, a supervised child process. The application
 * implements it because only it knows how to stop taking work, wait for the work in flight and
 * start again; nothing is restarted that was not registered. Implementations must be thread-safe;
 * they run on the caller's thread and must honour {@code drain}. Two ready ones:
 * {@link #http(URI, Duration)} for a service with an admin endpoint, and {@link SupervisedProcess}
 * for a child process.
 */
@FunctionalInterface
public interface Restartable {

    /**
     * Restarts: stops taking new work, lets the work in flight finish for at most {@code drain}
     * (what is still running then is abandoned or cancelled, as the component decides), starts
     * again and returns once it takes work.
     *
     * @param drain how long the work in flight may take to finish; {@link Duration#ZERO} for none
     * @param reason why, for the component's own log
     * @return one line for the audit trail, e.g. {@code drained 12 requests in 1.4 s, restarted}
     * @throws RuntimeException if it could not restart; the component should then be as it was
     */
    String restart(Duration drain, String reason);

    /**
     * A restart through the service's admin endpoint: see {@link HttpAdminRestart}.
     *
     * @param timeout how long to connect, and how long the answer may take beyond the drain
     * @throws IllegalArgumentException if {@code endpoint} is not http or https, or {@code timeout} not positive
     * @throws NullPointerException if an argument is null
     */
    static HttpAdminRestart http(URI endpoint, Duration timeout) {
        return HttpAdminRestart.create(endpoint, timeout);
    }
}
