package io.homeostat.engine.alert.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.Alerting;
import io.homeostat.engine.alert.escalate.EscalationPolicy;
import io.homeostat.engine.alert.notify.ChannelTransport;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.alert.route.Route;
import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.YamlConfigReader;
import io.homeostat.engine.detect.Severity;
import io.homeostat.engine.port.EscalationRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertingConfigReaderTest {

    private static final String YAML = """
            receivers:
              - name: ops
                webhook: {url: "http://127.0.0.1:9/ops", secret: {env: OPS_HOOK_SECRET}}
                slack: {url: {env: SLACK_URL}}
              - name: pager
                pagerduty: {routingKey: {env: PD_KEY}, url: "http://127.0.0.1:9/v2/enqueue"}
                email: {host: 127.0.0.1, port: 2525, from: homeostat@example.org, to: [oncall@example.org],
                        username: alerts, password: {env: SMTP_PASSWORD}}
            route:
              receiver: ops
              groupBy: [incident]
              groupWait: 10s
              routes:
                - match: {severity: critical}
                  matchRegex: {service: "db:.*"}
                  receiver: pager
                  groupInterval: 1m
                  repeatInterval: 1h
            flapping: {transitions: 6, window: 15m}
            oncall:
              - level: primary
                receiver: pager
                people: [alice, bob]
                shift: 7d
                start: 2026-01-01T00:00:00Z
              - level: incident-response
                receiver: ops
                people: [dave]
                shift: 7d
                start: 2026-01-01T00:00:00Z
            """;

    private static final Map<String, String> ENV = Map.of("OPS_HOOK_SECRET", "h00k", "SLACK_URL",
            "http://127.0.0.1:9/services/XYZ", "PD_KEY", "pdkey123", "SMTP_PASSWORD", "smtp-pa55");

    private final ManualClock clock = ManualClock.create();
    private final ChannelTransport transport = ChannelTransport.on(clock.scheduler()).withExecutor(Runnable::run);

    private AlertingConfig read(String yaml, Map<String, String> env) {
        return AlertingConfigReader.read(YamlConfigReader.read("alerting.yaml", yaml), transport, env);
    }

    @Test
    void readsReceiversRoutesFlappingAndTheRotation() {
        AlertingConfig config = read(YAML, ENV);

        assertThat(config.receivers()).extracting(Receiver::name).containsExactly("ops", "pager");
        assertThat(config.receivers().get(0).channels()).extracting(c -> c.name())
                .containsExactly("ops.webhook", "ops.slack");
        assertThat(config.receivers().get(1).channels()).extracting(c -> c.name())
                .containsExactly("pager.pagerduty", "pager.email");
        Route root = config.route();
        assertThat(root.groupBy()).containsExactly("incident");
        assertThat(root.timing().groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(root.timing().groupInterval()).isEqualTo(Duration.ofMinutes(5));
        Alert db = Alert.of("db:primary", Severity.CRITICAL, "availability", "", "down", clock.instant());
        Alert api = Alert.of("api", Severity.CRITICAL, "availability", "", "down", clock.instant());
        assertThat(root.resolve(db.labels())).singleElement().satisfies(r -> {
            assertThat(r.receiver()).isEqualTo("pager");
            assertThat(r.timing().repeatInterval()).isEqualTo(Duration.ofHours(1));
        });
        assertThat(root.resolve(api.labels())).containsExactly(root);
        assertThat(config.flapPolicy().transitions()).isEqualTo(6);
        assertThat(config.rotation().get(0).onCall(0, clock.instant())).isEqualTo("alice");
        assertThat(config.escalationPolicy()).isEqualTo(EscalationPolicy.defaults());
        assertThat(config.toString()).doesNotContain("h00k", "XYZ", "pdkey123", "smtp-pa55");
    }

    @Test
    void theConfigurationBuildsAWorkingAlertManager() {
        Alerting alerting = read(YAML, ENV).applyTo(Alerting.builder(clock.scheduler())).build();
        assertThat(alerting.escalate(EscalationRequest.highImpact("inc-1", "edge", Severity.HIGH, 0.8, "most"))
                .target()).isEqualTo("dave");
    }

    @Test
    void aMissingEnvironmentSecretIsNamedWithFileLineAndKey() {
        assertThatThrownBy(() -> read(YAML, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("alerting.yaml:3:")
                .hasMessageContaining("receivers[0].webhook.secret.env")
                .hasMessageContaining("OPS_HOOK_SECRET");
    }

    @Test
    void anUnknownReceiverIsNamedWhereItIsReferenced() {
        String yaml = YAML.replace("receiver: pager\n      groupInterval", "receiver: pagr\n      groupInterval");
        assertThatThrownBy(() -> read(yaml, ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerting.yaml:16:17:")
                .hasMessageContaining("route.routes[0].receiver")
                .hasMessageContaining("unknown receiver 'pagr'");
    }

    @Test
    void aRouteOnALabelNoAlertCarriesOrOnNoSeverityIsRefused() {
        assertThatThrownBy(() -> read(YAML.replace("match: {severity: critical}", "match: {team: payments}"), ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("route.routes[0].match.team")
                .hasMessageContaining("no alert carries the label 'team'; alerts carry category, incident, service, severity");
        assertThatThrownBy(() -> read(YAML.replace("matchRegex: {service: \"db:.*\"}", "matchRegex: {env: \"prod.*\"}"), ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("route.routes[0].matchRegex.env");
        assertThatThrownBy(() -> read(YAML.replace("groupBy: [incident]", "groupBy: [incident, cluster]"), ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("route.groupBy[1]")
                .hasMessageContaining("'cluster'");
        assertThatThrownBy(() -> read(YAML.replace("match: {severity: critical}", "match: {severity: urgent}"), ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no alert has the severity 'urgent'");
        assertThat(read(YAML.replace("match: {severity: critical}", "match: {severity: CRITICAL}"), ENV).route())
                .as("a severity in any case, as silences take it").isNotNull();
    }

    @Test
    void recordValidationErrorsCarryTheirPlace() {
        assertThatThrownBy(() -> read(YAML.replace("transitions: 6", "transitions: 1"), ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alerting.yaml:19:")
                .hasMessageContaining("transitions must be at least 2");
        assertThatThrownBy(() -> read(YAML.replace("repeatInterval: 1h", "repeatInterval: 10s"), ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must not be shorter than groupInterval");
        assertThatThrownBy(() -> read(YAML.replace("groupWait: 10s", "groupWait: soon"), ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("route.groupWait");
        assertThatThrownBy(() -> read(YAML.replace("shift: 7d\n    start: 2026-01-01T00:00:00Z\n  - level: incident",
                "shift: 7d\n    start: monday\n  - level: incident"), ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("oncall[0].start");
    }

    @Test
    void escalationRulesReplaceTheDefaultsAndUnknownKeysAreRejected() {
        AlertingConfig config = read(YAML + """
                escalation:
                  - {trigger: critical, target: first, ackTimeout: 2m}
                """, ENV);
        assertThat(config.escalationPolicy().rules()).singleElement()
                .satisfies(r -> assertThat(r.ackTimeout()).isEqualTo(Duration.ofMinutes(2)));
        assertThatThrownBy(() -> read(YAML + "escalation:\n  - {trigger: critical, target: named, ackTimeout: 2m}\n", ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("escalation[0]");
        assertThatThrownBy(() -> read(YAML + "silences: []\n", ENV))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key");
        assertThat(List.of(ENV.keySet())).isNotEmpty();
    }
}
