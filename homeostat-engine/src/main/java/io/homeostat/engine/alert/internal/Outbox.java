package io.homeostat.engine.alert.internal;

import io.homeostat.engine.alert.notify.Notification;
import io.homeostat.engine.alert.notify.Receiver;
import io.homeostat.engine.port.AlertEvent;
import io.homeostat.engine.port.AuditRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one engine call wants written and sent, collected under the lock and handed out after it
 * is released (stores and channels may be slow). Confined to one call.
 */
final class Outbox {

    record Dispatch(Receiver receiver, Notification notification) {}

    final List<AlertEvent> events = new ArrayList<>();
    final List<Dispatch> dispatches = new ArrayList<>();
    final List<Dispatch> acknowledgements = new ArrayList<>();
    final List<AuditRecord> audits = new ArrayList<>();
    /** Alerts that started firing, were acknowledged or resolved: their stored copy is out of date. */
    final Set<String> changed = new LinkedHashSet<>();
    /** Escalations that paged a level, were acknowledged or ended: their stored copy is out of date. */
    final Set<String> escalations = new LinkedHashSet<>();

    void event(AlertEvent event) {
        events.add(event);
    }

    void changed(String fingerprint) {
        changed.add(fingerprint);
    }

    void escalationChanged(String key) {
        escalations.add(key);
    }

    void audit(AuditRecord record) {
        audits.add(record);
    }

    void acknowledge(Receiver receiver, Notification notification) {
        acknowledgements.add(new Dispatch(receiver, notification));
    }

    void send(Receiver receiver, Notification notification) {
        dispatches.add(new Dispatch(receiver, notification));
    }
}
