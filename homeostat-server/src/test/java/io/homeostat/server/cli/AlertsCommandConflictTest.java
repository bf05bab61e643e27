package io.homeostat.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.homeostat.engine.alert.Alert;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.detect.Severity;
import io.homeostat.server.RunningServer;
import io.homeostat.server.auth.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alerts ack} and {@code alerts resolve} refused by the server say why and fail, changing nothing. */
class AlertsCommandConflictTest {

    @TempDir
    Path data;

    @Test
    void aRefusedAcknowledgementOrResolutionSaysWhyAndFails() {
        try (RunningServer running = new RunningServer(data)) {
            String alice = running.server.tokens().issue("alice", Role.OPERATOR).secret();
            Alert alert = Alert.of("payments", Severity.HIGH, "errors", "", "errors on payments", RunningServer.START);
            running.server.loop().alerting().fire(alert);
            String url = "--url=http://127.0.0.1:" + running.server.port();
            CommandLines cli = new CommandLines(Map.of());

            assertThat(cli.run("alerts", "ack", alert.fingerprint(), "--reason", "mine", "--token", running.operator, url))
                    .isZero();
            assertThat(cli.run("alerts", "ack", alert.fingerprint(), "--reason", "mine too", "--token", alice, url))
                    .isEqualTo(1);
            assertThat(cli.err.toString()).contains("homeostat alerts: server answered 409: alert " + alert.fingerprint()
                    + " was acknowledged already by token:ops");
            assertThat(running.server.loop().alerting().alert(alert.fingerprint()).map(AlertView::acknowledgedBy))
                    .contains("token:ops");

            assertThat(cli.run("alerts", "resolve", alert.fingerprint(), "--reason", "fixed", "--token", alice, url)).isZero();
            assertThat(cli.run("alerts", "resolve", alert.fingerprint(), "--reason", "fixed", "--token", alice, url))
                    .isEqualTo(1);
            assertThat(cli.err.toString()).contains("server answered 409: alert " + alert.fingerprint()
                    + " has resolved already");
            assertThat(cli.out.toString()).doesNotContain("(still RESOLVED)");
        }
    }
}
