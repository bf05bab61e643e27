package io.homeostat.engine.alert.config;

import io.homeostat.engine.alert.notify.Channel;
import io.homeostat.engine.alert.notify.ChannelTransport;
import io.homeostat.engine.alert.notify.EmailChannel;
import io.homeostat.engine.alert.notify.EmailSettings;
import io.homeostat.engine.alert.notify.LogChannel;
import io.homeostat.engine.alert.notify.MissingSecretException;
import io.homeostat.engine.alert.notify.PagerDutyChannel;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.notify.Secret;
import io.homeostat.engine.alert.notify.SlackChannel;
import io.homeostat.engine.alert.notify.WebhookChannel;
import io.homeostat.engine.config.ConfigNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one receiver: {@code name} and any of {@code webhook}, {@code slack}, {@code pagerduty},
 * {@code email}, {@code log}. A secret is either written in the file or, better,
 * {@code {env: VARIABLE}}.
 */
final class ChannelReader {

    private final ChannelTransport transport;
    private final Map<String, String> environment;

    ChannelReader(ChannelTransport transport, Map<String, String> environment) {
        this.transport = transport;
        this.environment = environment;
    }

    Receiver receiver(ConfigNode node) {
        node.requireKeys(Set.of("name", "webhook", "slack", "pagerduty", "email", "log"));
        String name = node.required("name").asString();
        List<Channel> channels = new ArrayList<>();
        node.field("webhook").ifPresent(n -> channels.add(webhook(name, n)));
        node.field("slack").ifPresent(n -> channels.add(slack(name, n)));
        node.field("pagerduty").ifPresent(n -> channels.add(pagerDuty(name, n)));
        node.field("email").ifPresent(n -> channels.add(email(name, n)));
        node.field("log").filter(ConfigNode::asBoolean).ifPresent(n -> channels.add(LogChannel.of(name + ".log")));
        return Checked.value(node.required("name"), () -> new Receiver(name, channels));
    }

    private Channel webhook(String receiver, ConfigNode node) {
        node.requireKeys(Set.of("url", "secret"));
        URI url = url(node.required("url"));
        Secret secret = secret(node.required("secret"));
        return Checked.value(node.required("url"), () -> WebhookChannel.of(receiver + ".webhook", url, secret, transport));
    }

    private Channel slack(String receiver, ConfigNode node) {
        node.requireKeys(Set.of("url"));
        Secret url = secret(node.required("url"));
        return Checked.value(node.required("url"), () -> SlackChannel.of(receiver + ".slack", url, transport));
    }

    private Channel pagerDuty(String receiver, ConfigNode node) {
        node.requireKeys(Set.of("routingKey", "url"));
        Secret key = secret(node.required("routingKey"));
        URI url = node.field("url").map(this::url).orElse(PagerDutyChannel.EVENTS_V2);
        return Checked.value(node, () -> PagerDutyChannel.of(receiver + ".pagerduty", url, key, transport));
    }

    private Channel email(String receiver, ConfigNode node) {
        node.requireKeys(Set.of("host", "port", "from", "to", "startTls", "username", "password"));
        List<String> to = node.required("to").elements().stream().map(ConfigNode::asString).toList();
        EmailSettings settings = Checked.value(node, () -> new EmailSettings(node.required("host").asString(),
                node.required("port").asInt(), node.required("from").asString(), to,
                node.field("startTls").map(ConfigNode::asBoolean).orElse(false)));
        if (node.field("username").isPresent()) {
            String username = node.required("username").asString();
            Secret password = secret(node.required("password"));
            return Checked.value(node, () -> EmailChannel.withLogin(receiver + ".email", settings, username, password,
                    transport));
        }
        return EmailChannel.of(receiver + ".email", settings, transport);
    }

    private URI url(ConfigNode node) {
        return Checked.value(node, () -> URI.create(node.asString()));
    }

    /** A secret written in the file, or {@code {env: NAME}}. */
    private Secret secret(ConfigNode node) {
        if (node.kind() == ConfigNode.Kind.MAP) {
            node.requireKeys(Set.of("env"));
            ConfigNode variable = node.required("env");
            try {
                return Secret.fromEnvironment(variable.asString(), environment);
            } catch (MissingSecretException e) {
                throw variable.error(e.getMessage());
            }
        }
        return Checked.value(node, () -> Secret.of(node.asString()));
    }
}
