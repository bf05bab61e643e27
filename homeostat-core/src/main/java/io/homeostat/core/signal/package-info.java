/**
 * Signals (the arrows of the loop): the sealed family of facts the application reports —
 * {@link io.homeostat.core.signal.OperationOutcome}, {@link io.homeostat.core.signal.MetricSample},
 * {@link io.homeostat.core.signal.HealthReport}, {@link io.homeostat.core.signal.CircuitTransition},
 * {@link io.homeostat.core.signal.FailureEvent} — and the {@link io.homeostat.core.signal.SignalBus}
 * that carries them to the detectors without ever blocking the caller.
 */
package io.homeostat.core.signal;
