package io.homeostat.engine.alert.notify;

import io.homeostat.engine.alert.notify.internal.NotificationText;
import io.homeostat.engine.alert.notify.internal.RetryingDelivery;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends each notification as a plain-text email over SMTP with Jakarta Mail (Angus Mail): the
 * title as subject, one line per alert. Optionally logs in; the password is a {@link Secret}.
 * Retries and dead-letters per the transport (its timeout bounds connect and read). Thread-safe.
 */
public final class EmailChannel implements Channel {

    private final String name;
    private final EmailSettings settings;
    private final String username;
    private final Secret password;
    private final ChannelTransport transport;
    private final Session session;
    private final RetryingDelivery delivery;

    private EmailChannel(String name, EmailSettings settings, String username, Secret password, ChannelTransport transport) {
        this.name = name;
        this.settings = settings;
        this.username = username;
        this.password = password;
        this.transport = transport;
        this.session = Session.getInstance(properties(settings, transport, password != null));
        this.delivery = new RetryingDelivery(name, transport);
    }

    /**
     * A channel that sends without logging in.
     *
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static EmailChannel of(String name, EmailSettings settings, ChannelTransport transport) {
        return new EmailChannel(ChannelNames.require(name), Objects.requireNonNull(settings, "settings"), "", null,
                Objects.requireNonNull(transport, "transport"));
    }

    /**
     * A channel that logs in as {@code username}.
     *
     * @throws IllegalArgumentException if {@code name} or {@code username} is blank
     */
    public static EmailChannel withLogin(
            String name, EmailSettings settings, String username, Secret password, ChannelTransport transport) {
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        return new EmailChannel(ChannelNames.require(name), Objects.requireNonNull(settings, "settings"), username,
                Objects.requireNonNull(password, "password"), Objects.requireNonNull(transport, "transport"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Notification notification) {
        mail(notification, notification.key(), notification.title(), NotificationText.of(notification));
    }

    /** Mails that people acknowledged what the notification is about, and who: {@code [ACK] <title>}. */
    @Override
    public void acknowledge(Notification notification) {
        mail(notification, notification.key() + "#ack", "[ACK] " + notification.title(),
                notification.reason() + "\n\n" + NotificationText.of(notification));
    }

    private void mail(Notification notification, String key, String subject, String text) {
        delivery.submit(key, text, () -> {
            Message message = message(notification, subject, text);
            if (password == null) {
                Transport.send(message);
            } else {
                Transport.send(message, username, password.reveal());
            }
        });
    }

    private Message message(Notification notification, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.from()));
        for (String to : settings.to()) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        message.setSubject(subject, "UTF-8");
        message.setSentDate(Date.from(notification.time()));
        message.setText(text, "UTF-8");
        message.setHeader("X-Homeostat-Key", notification.key());
        return message;
    }

    private static Properties properties(EmailSettings settings, ChannelTransport transport, boolean login) {
        Properties props = new Properties();
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", Integer.toString(settings.port()));
        String millis = Long.toString(transport.timeout().toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.auth", Boolean.toString(login));
        if (settings.startTls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        return props;
    }

    @Override
    public DeliveryStats stats() {
        return delivery.stats();
    }

    @Override
    public String toString() {
        return "EmailChannel[" + name + " -> " + settings.host() + ":" + settings.port()
                + (username.isEmpty() ? "" : ", user " + username + ", password ****") + "]";
    }
}
