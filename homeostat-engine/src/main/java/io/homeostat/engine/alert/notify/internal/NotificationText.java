package io.homeostat.engine.alert.notify.internal;

import io.homeostat.engine.alert.notify.Notification;

/** The plain-text form of a notification, for email and the log. Thread-safe. */
public final class NotificationText {

    private NotificationText() {}

    /** The title, then one line per alert. */
    public static String of(Notification n) {
        StringBuilder text = new StringBuilder(n.title()).append('\n');
        text.append("reason: ").append(n.reason()).append('\n');
        if (!n.onCall().isEmpty()) {
            text.append("on call: ").append(n.onCall()).append('\n');
        }
        n.firing().forEach(a -> text.append("firing: ").append(NotificationJson.line(a)).append('\n'));
        n.resolved().forEach(a -> text.append("resolved: ").append(NotificationJson.line(a)).append('\n'));
        return text.toString();
    }
}
