package io.homeostat.server.ui;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.Objects;

/**
 * Serves the dashboard at {@code /} from the classpath directory {@value #CLASSPATH_DIRECTORY}
 * and the WebJars (Chart.js) at {@code /webjars/...}. Every dashboard file goes out with a strict
 * Content-Security-Policy (scripts and connections from this origin only, no framing) and
 * {@code X-Content-Type-Options: nosniff}. Stateless; thread-safe.
 */
public final class Dashboard {

    /** Where the dashboard's files are on the classpath. */
    public static final String CLASSPATH_DIRECTORY = "/dashboard";

    /** The Content-Security-Policy of the dashboard's pages. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache");

    private Dashboard() {}

    /** Adds the dashboard's files and the WebJars to {@code config}'s static files. */
    public static void serve(JavalinConfig config) {
        Objects.requireNonNull(config, "config");
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = CLASSPATH_DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
        config.staticFiles.enableWebjars();
    }
}
