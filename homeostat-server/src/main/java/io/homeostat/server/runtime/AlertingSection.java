package io.homeostat.server.runtime;

import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.alert.config.AlertingConfig;
import io.homeostat.engine.alert.config.AlertingConfigReader;
import io.homeostat.engine.alert.notify.ChannelTransport;
import io.homeostat.engine.config.ConfigNode;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code alerting} section of {@code homeostat.yaml} (receivers, routes, flapping, on-call
 * rotation, escalation rules, as {@link AlertingConfigReader} reads them), checked when the file is
 * read and made into channels when the loop starts. Two sections are equal
 * when they say the same, wherever it stands in the file. Immutable.
 */
public final class AlertingSection {

    private final ConfigNode node;
    private final Map<String, String> environment;

    private AlertingSection(ConfigNode node, Map<String, String> environment) {
        this.node = node;
        this.environment = environment;
    }

    /**
     * Reads and checks {@code node}; {@code {env: NAME}} secrets come from {@code environment}.
     *
     * @throws io.homeostat.engine.config.ConfigException naming file, line and key of the first mistake
     */
    public static AlertingSection read(ConfigNode node, Map<String, String> environment) {
        AlertingSection section = new AlertingSection(Objects.requireNonNull(node, "node"),
                Map.copyOf(environment));
        // Reading makes channels over a transport without sending anything through it.
        ChannelTransport unused = ChannelTransport.on(Scheduler.system());
        try {
            AlertingConfigReader.read(node, unused, section.environment);
        } finally {
            unused.http().close();
        }
        return section;
    }

    /** The receivers, routes and on-call rotation, their channels sending through {@code transport}. */
    AlertingConfig config(ChannelTransport transport) {
        return AlertingConfigReader.read(node, transport, environment);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AlertingSection section && node.plain().equals(section.node.plain())
                && environment.equals(section.environment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node.plain(), environment);
    }

    /** Where the section stands, not what it says: it may hold secrets. */
    @Override
    public String toString() {
        return "alerting section at " + node.location();
    }
}
