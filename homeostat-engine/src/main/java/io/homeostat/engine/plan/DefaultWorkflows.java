package io.homeostat.engine.plan;

import io.homeostat.engine.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The workflows Homeostat ships: {@code ai-provider-failure} (fail over to the next provider, warm
 * the cache, alert), {@code database-connection-lost} (re-probe 3 times with exponential backoff,
 * fail over to the read replica, page) and {@code memory-leak} (alert, scale out by one, graceful
 * restart 60 s later; each through the {@code scale} / {@code restart_process} action when the
 * application registered the service's capacity / component with the kernel control, else through
 * the allow-listed command {@code scale-up} / {@code graceful-restart}). Read from
 * {@code default-workflows.yaml} next to this class.
 */
public final class DefaultWorkflows {

    /** The resource they are read from. */
    public static final String RESOURCE = "default-workflows.yaml";

    private DefaultWorkflows() {
    }

    /**
     * The default workflows.
     *
     * @throws ConfigException if the shipped file is wrong (a build defect)
     */
    public static List<Workflow> load() {
        try (InputStream in = DefaultWorkflows.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return WorkflowReader.read(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
