package io.homeostat.engine.port.memory;

import io.homeostat.engine.port.ActiveAlert;
import io.homeostat.engine.port.ActiveAlertStore;
import io.homeostat.engine.port.OpenEscalation;
import java.util.List;
import java.util.Objects;

/**
 * An {@link ActiveAlertStore} that passes every call to another: a test overrides the call it
 * wants to slow down or watch, and the rest go on to the store it asserts on.
 */
public class ForwardingActiveAlertStore implements ActiveAlertStore {

    private final ActiveAlertStore delegate;

    public ForwardingActiveAlertStore(ActiveAlertStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void save(ActiveAlert alert) {
        delegate.save(alert);
    }

    @Override
    public void remove(String fingerprint) {
        delegate.remove(fingerprint);
    }

    @Override
    public List<ActiveAlert> all() {
        return delegate.all();
    }

    @Override
    public void saveEscalation(OpenEscalation escalation) {
        delegate.saveEscalation(escalation);
    }

    @Override
    public void removeEscalation(String key) {
        delegate.removeEscalation(key);
    }

    @Override
    public List<OpenEscalation> escalations() {
        return delegate.escalations();
    }
}
