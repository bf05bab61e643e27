package io.homeostat.server.metrics;

import io.homeostat.core.health.HealthResult;
import io.homeostat.core.time.Clock;
import io.homeostat.engine.alert.config.AlertingConfig;
import io.homeostat.engine.alert.notify.Channel;
import io.homeostat.engine.alert.notify.DeadLetter;
import io.homeostat.engine.alert.notify.DeliveryStats;
import io.homeostat.engine.alert.notify.Receiver;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * How the alerting channels fare at reaching people: their counts as metrics, and a self check
 * that is degraded for {@link #MEMORY} after a channel gave a message up (its retries spent), so a
 * webhook that stopped answering is seen on {@code /health} and not only in a log. Thread-safe.
 */
public final class AlertDelivery {

    /** How long a given-up message keeps the check degraded. */
    static final Duration MEMORY = Duration.ofMinutes(10);

    private final AlertingConfig config;
    private final Clock clock;

    public AlertDelivery(AlertingConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Degraded while a message was given up within {@link #MEMORY}, naming the latest and why. */
    HealthResult check() {
        long given = 0;
        DeadLetter latest = null;
        for (Receiver receiver : config.receivers()) {
            for (Channel channel : receiver.channels()) {
                DeliveryStats stats = channel.stats();
                given += stats.deadLettered();
                Optional<DeadLetter> last = stats.deadLetters().stream().max(Comparator.comparing(DeadLetter::time));
                if (last.isPresent() && (latest == null || last.get().time().isAfter(latest.time()))) {
                    latest = last.get();
                }
            }
        }
        Instant now = clock.instant();
        if (latest == null || !latest.time().isAfter(now.minus(MEMORY))) {
            return HealthResult.healthy();
        }
        return HealthResult.degraded("alerts could not be delivered: " + given + " given up in all, the latest by "
                + latest.channel() + " after " + latest.attempts() + " attempts at " + latest.time() + ": "
                + latest.lastError());
    }

    /** Each channel's deliveries by outcome and its messages waiting for a retry. */
    void metrics(PrometheusText text) {
        String deliveries = "homeostat_alert_deliveries_total";
        String help = "Alert notifications by channel and outcome (failed_attempt counts every failed try)";
        for (Receiver receiver : config.receivers()) {
            for (Channel channel : receiver.channels()) {
                DeliveryStats stats = channel.stats();
                text.counter(deliveries, help, stats.delivered(), "receiver", receiver.name(), "channel", channel.name(),
                        "outcome", "delivered");
                text.counter(deliveries, help, stats.failedAttempts(), "receiver", receiver.name(), "channel",
                        channel.name(), "outcome", "failed_attempt");
                text.counter(deliveries, help, stats.deadLettered(), "receiver", receiver.name(), "channel",
                        channel.name(), "outcome", "given_up");
                text.gauge("homeostat_alert_deliveries_pending", "Alert notifications waiting for a retry",
                        stats.pending(), "receiver", receiver.name(), "channel", channel.name());
            }
        }
    }
}
