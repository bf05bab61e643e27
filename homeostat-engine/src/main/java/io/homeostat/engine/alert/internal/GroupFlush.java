package io.homeostat.engine.alert.internal;

import io.homeostat.engine.alert.AlertState;
import io.homeostat.engine.alert.AlertView;
import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.route.GroupTiming;
import io.homeostat.engine.port.AlertEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One tick of a group's timer: compares what the receiver was last shown with what it should see
 * now, and notifies on a change (alerts that may be notified and were not shown; shown alerts
 * that resolved) or, when nothing changed, repeats after the repeat interval while an
 * unacknowledged alert fires. Silenced and inhibited alerts are not shown; a flapping alert stays
 * as it was last shown, unless a person or recovery resolved it. Then the next tick is scheduled one group interval later, or the group
 * is dropped when nothing is left in it. Runs under the engine's lock.
 */
final class GroupFlush {

    private final AlertEngine engine;

    GroupFlush(AlertEngine engine) {
        this.engine = engine;
    }

    void run(String groupKey, Outbox out) {
        AlertGroup group = engine.groups().get(groupKey);
        if (group == null) {
            return;
        }
        group.waited = true;
        Instant now = engine.now();
        List<AlertView> firing = new ArrayList<>();
        List<AlertView> fresh = new ArrayList<>();
        List<AlertView> resolved = new ArrayList<>();
        Iterator<Map.Entry<String, Boolean>> members = group.shown.entrySet().iterator();
        while (members.hasNext()) {
            Map.Entry<String, Boolean> member = members.next();
            TrackedAlert tracked = engine.tracked().get(member.getKey());
            if (tracked == null) {
                members.remove();
                continue;
            }
            Verdict verdict = engine.judge(tracked, now, out);
            boolean wasShown = member.getValue();
            boolean show = verdict.state() == AlertState.FIRING;
            if (show != wasShown && tracked.recordedFlapping && !tracked.resolvedExplicitly) {
                show = wasShown;
                engine.counters().flappingHeld++;
            }
            AlertView view = engine.view(tracked, now);
            if (show) {
                firing.add(view);
                if (!wasShown) {
                    fresh.add(view);
                    group.acknowledged = false; // a new alert fires in it: the next acknowledgement is news
                }
            } else if (wasShown && verdict.state() == AlertState.RESOLVED) {
                resolved.add(view);
            }
            if (!show && verdict.state() == AlertState.RESOLVED) {
                members.remove();
                tracked.groups.remove(groupKey);
            } else {
                member.setValue(show);
            }
        }
        String reason = reason(group, now, firing, fresh, resolved);
        if (reason != null) {
            notify(group, reason, firing, resolved, now, out);
            for (AlertView alert : fresh) {
                engine.escalateCritical(alert, out);
            }
        }
        if (group.shown.isEmpty()) {
            engine.groups().remove(groupKey);
        } else {
            group.timer = engine.scheduler().schedule(group.route.timing().groupInterval(),
                    () -> engine.flushLater(groupKey));
        }
        forgetQuietAlerts(now);
    }

    private static String reason(
            AlertGroup group, Instant now, List<AlertView> firing, List<AlertView> fresh, List<AlertView> resolved) {
        if (!fresh.isEmpty()) {
            return "new alerts";
        }
        if (!resolved.isEmpty()) {
            return "resolved";
        }
        GroupTiming timing = group.route.timing();
        boolean due = group.lastNotified != null && !now.isBefore(group.lastNotified.plus(timing.repeatInterval()));
        if (due && firing.stream().anyMatch(a -> !a.acknowledged())) {
            return "repeat";
        }
        return null;
    }

    private void notify(AlertGroup group, String reason, List<AlertView> firing, List<AlertView> resolved,
            Instant now, Outbox out) {
        String receiver = group.route.receiver();
        Notification notification = new Notification(receiver, group.key, Notification.Kind.GROUP,
                group.groupLabels, firing, resolved, reason, "", -1, now);
        out.send(engine.receiver(receiver), notification);
        group.lastNotified = now;
        for (AlertView alert : firing) {
            out.event(new AlertEvent(alert.fingerprint(), AlertEvent.Kind.NOTIFIED, now, AlertEvent.SYSTEM,
                    alert.labels().incident().orElse(""), alert.labels().asMap(), receiver + ": " + reason));
        }
        for (AlertView alert : resolved) {
            out.event(new AlertEvent(alert.fingerprint(), AlertEvent.Kind.NOTIFIED, now, AlertEvent.SYSTEM,
                    alert.labels().incident().orElse(""), alert.labels().asMap(), receiver + ": resolved"));
        }
    }

    /** Drops resolved alerts in no group once they cannot count towards flapping any more. */
    private void forgetQuietAlerts(Instant now) {
        Instant horizon = now.minus(engine.flapPolicy().window());
        engine.tracked().values().removeIf(t -> !t.firing && t.groups.isEmpty() && t.resolvedAt != null
                && t.resolvedAt.isBefore(horizon));
    }
}
