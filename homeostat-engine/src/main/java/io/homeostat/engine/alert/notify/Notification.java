package io.homeostat.engine.alert.notify;

import io.homeostat.engine.alert.AlertView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One message to one receiver: a group's alerts, or an escalation to an on-call level. Immutable
 * and thread-safe.
 *
 * @param receiver the receiver's name
 * @param key what the message is about, stable across repeats: the group key, or the
 *     escalation key (the incident); channels use it to deduplicate (PagerDuty's dedup_key)
 * @param kind a group's notification or an escalation
 * @param groupLabels the labels the group shares (for an escalation: service and incident)
 * @param firing the alerts firing now
 * @param resolved the alerts that resolved since the last notification
 * @param reason why it is sent, e.g. {@code new alerts}, {@code repeat}, {@code CRITICAL}
 * @param onCall the person on call who is notified, empty for a group's notification
 * @param level the on-call level, 0 for the first; -1 for a group's notification
 * @param time when it was sent (wall time of the injected clock)
 */
public record Notification(
        String receiver,
        String key,
        Kind kind,
        Map<String, String> groupLabels,
        List<AlertView> firing,
        List<AlertView> resolved,
        String reason,
        String onCall,
        int level,
        Instant time) {

    /** What a notification is. */
    public enum Kind {
        GROUP,
        ESCALATION
    }

    public Notification {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        groupLabels = Map.copyOf(groupLabels);
        firing = List.copyOf(firing);
        resolved = List.copyOf(resolved);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(onCall, "onCall");
        Objects.requireNonNull(time, "time");
    }

    /** True if nothing is firing any more: the message says it is over. */
    public boolean allResolved() {
        return firing.isEmpty();
    }

    /** One line for people, e.g. {@code [FIRING:2] service=db:primary}. */
    public String title() {
        String head = allResolved() ? "[RESOLVED]" : "[FIRING:" + firing.size() + "]";
        String prefix = kind == Kind.ESCALATION ? "[ESCALATION L" + (level + 1) + "] " : "";
        StringBuilder labels = new StringBuilder();
        new TreeMap<>(groupLabels).forEach((k, v) -> labels.append(' ').append(k).append('=').append(v));
        return prefix + head + labels;
    }
}
