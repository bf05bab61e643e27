package io.homeostat.engine.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.homeostat.core.time.ManualClock;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailChannelTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final ManualClock clock = ManualClock.create();
    private final ChannelTransport transport = ChannelTransport.on(clock.scheduler()).withExecutor(Runnable::run);

    @Test
    void sendsOneMailPerNotificationOverSmtp() throws Exception {
        EmailSettings settings = new EmailSettings("127.0.0.1", SMTP.getSmtp().getPort(), "homeostat@example.org",
                List.of("oncall@example.org", "ops@example.org"), false);
        EmailChannel channel = EmailChannel.of("mail", settings, transport);
        channel.send(Notifications.escalation());

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2); // one copy per recipient
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[ESCALATION L1] [FIRING:1] incident=inc-1 service=db:primary");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("homeostat@example.org");
        assertThat(GreenMailUtil.getBody(mail)).contains("on call: alice").contains("firing: error rate 12 % on db:primary");
        assertThat(mail.getHeader("X-Homeostat-Key")[0]).isEqualTo("inc-1");
        assertThat(channel.stats().delivered()).isEqualTo(1);
    }

    @Test
    void anAcknowledgementIsMailedSayingWho() throws Exception {
        EmailSettings settings = new EmailSettings("127.0.0.1", SMTP.getSmtp().getPort(), "homeostat@example.org",
                List.of("oncall@example.org"), false);
        EmailChannel.of("mail", settings, transport).acknowledge(Notifications.acknowledged());

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[ACK] [FIRING:1] service=db:primary");
        assertThat(GreenMailUtil.getBody(mail)).startsWith("acknowledged by alice");
    }

    @Test
    void anUnreachableSmtpServerIsRetriedAndDeadLettered() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        EmailSettings settings = new EmailSettings("127.0.0.1", closedPort, "homeostat@example.org",
                List.of("oncall@example.org"), false);
        EmailChannel channel = EmailChannel.of("mail", settings,
                transport.withRetry(new RetryPolicy(2, Duration.ofSeconds(5), 2, Duration.ofSeconds(10))));
        channel.send(Notifications.firing());
        assertThat(channel.stats().pending()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));

        assertThat(channel.stats().failedAttempts()).isEqualTo(2);
        assertThat(channel.stats().deadLettered()).isEqualTo(1);
        assertThat(channel.stats().deadLetters().get(0).payload()).contains("error rate 12 %");
    }

    @Test
    void aLoginPasswordStaysOutOfToString() {
        EmailSettings settings = new EmailSettings("127.0.0.1", 2525, "a@example.org", List.of("b@example.org"), true);
        EmailChannel channel = EmailChannel.withLogin("mail", settings, "alerts", Secret.of("pa55word"), transport);
        assertThat(channel.toString()).contains("alerts").doesNotContain("pa55word");
    }
}
