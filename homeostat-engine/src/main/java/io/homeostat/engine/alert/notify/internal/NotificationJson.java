package io.homeostat.engine.alert.notify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.notify.Secret;
import io.homeostat.engine.detect.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON bodies of the HTTP channels. Thread-safe. */
public final class NotificationJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGER_DUTY_SUMMARY_LIMIT = 1024;

    private NotificationJson() {}

    /** The generic webhook body: the notification and every alert with its labels. */
    public static byte[] webhook(Notification n) {
        return webhook(n, n.allResolved() ? "resolved" : "firing");
    }

    /**
     * The webhook body of {@code n} saying that people acknowledged what it is about: status
     * {@code acknowledged}, its reason naming who.
     */
    public static byte[] webhookAcknowledged(Notification n) {
        return webhook(n, "acknowledged");
    }

    private static byte[] webhook(Notification n, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "1");
        body.put("receiver", n.receiver());
        body.put("key", n.key());
        body.put("kind", n.kind().name().toLowerCase(Locale.ROOT));
        body.put("status", status);
        body.put("reason", n.reason());
        body.put("title", n.title());
        body.put("groupLabels", n.groupLabels());
        if (n.kind() == Notification.Kind.ESCALATION) {
            body.put("onCall", n.onCall());
            body.put("level", n.level());
        }
        List<Map<String, Object>> alerts = new ArrayList<>();
        n.firing().forEach(a -> alerts.add(alert(a, "firing")));
        n.resolved().forEach(a -> alerts.add(alert(a, "resolved")));
        body.put("alerts", alerts);
        body.put("time", n.time().toString());
        return write(body);
    }

    /** A Slack-compatible incoming-webhook body: {@code text} plus one mrkdwn section. */
    public static byte[] slack(Notification n) {
        return slack(n, n.title());
    }

    /** The Slack body of {@code n} saying that people acknowledged it, e.g. {@code [ACK] ... acknowledged by ops}. */
    public static byte[] slackAcknowledged(Notification n) {
        return slack(n, "[ACK] " + n.title() + " (" + n.reason() + ")");
    }

    private static byte[] slack(Notification n, String title) {
        StringBuilder text = new StringBuilder("*").append(title).append('*');
        if (!n.onCall().isEmpty()) {
            text.append("\non call: ").append(n.onCall());
        }
        n.firing().forEach(a -> text.append("\n• ").append(line(a)));
        n.resolved().forEach(a -> text.append("\n• resolved: ").append(line(a)));
        Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text.toString()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", title);
        body.put("blocks", List.of(section));
        return write(body);
    }

    /** A PagerDuty Events API v2 event: trigger while anything fires, resolve once all resolved. */
    public static byte[] pagerDuty(Notification n, Secret routingKey) {
        List<AlertView> shown = n.allResolved() ? n.resolved() : n.firing();
        Severity worst = Severity.INFO;
        for (AlertView a : shown) {
            worst = worst.max(a.labels().severity());
        }
        String service = n.groupLabels().getOrDefault(Labels.SERVICE,
                shown.isEmpty() ? "homeostat" : shown.get(0).labels().service());
        String summary = n.title() + (shown.isEmpty() ? "" : ": " + shown.get(0).summary());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", summary.length() > PAGER_DUTY_SUMMARY_LIMIT
                ? summary.substring(0, PAGER_DUTY_SUMMARY_LIMIT) : summary);
        payload.put("source", service.isEmpty() ? "homeostat" : service);
        payload.put("severity", switch (worst) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "info";
        });
        payload.put("timestamp", n.time().toString());
        payload.put("component", service.isEmpty() ? "homeostat" : service);
        n.groupLabels().entrySet().stream().filter(e -> e.getKey().equals(Labels.INCIDENT))
                .findFirst().ifPresent(e -> payload.put("group", e.getValue()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", n.reason());
        details.put("alerts", shown.stream().map(NotificationJson::line).toList());
        if (!n.onCall().isEmpty()) {
            details.put("onCall", n.onCall());
        }
        payload.put("custom_details", details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey.reveal());
        body.put("event_action", n.allResolved() ? "resolve" : "trigger");
        body.put("dedup_key", n.key());
        body.put("payload", payload);
        return write(body);
    }

    /**
     * A PagerDuty Events API v2 {@code acknowledge} event: routing key, action and the
     * notification's key as {@code dedup_key} (PagerDuty takes no payload with it).
     */
    public static byte[] pagerDutyAcknowledge(Notification n, Secret routingKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey.reveal());
        body.put("event_action", "acknowledge");
        body.put("dedup_key", n.key());
        return write(body);
    }

    /** {@code summary (service, severity)}. */
    public static String line(AlertView a) {
        return a.summary() + " (" + a.labels().service() + ", " + a.labels().get(Labels.SEVERITY).orElse("") + ")";
    }

    private static Map<String, Object> alert(AlertView a, String status) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", status);
        alert.put("fingerprint", a.fingerprint());
        alert.put("labels", a.labels().asMap());
        alert.put("summary", a.summary());
        alert.put("startsAt", a.startsAt().toString());
        alert.put("count", a.count());
        alert.put("acknowledgedBy", a.acknowledgedBy());
        return alert;
    }

    private static byte[] write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialise", e);
        }
    }
}
