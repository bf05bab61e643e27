/**
 * Receivers and their channels: how a notification leaves the alert manager (webhook with an
 * HMAC-SHA256 signature, Slack-compatible incoming webhook, PagerDuty Events API v2, email over
 * SMTP, the log). Remote channels retry with backoff on the injected scheduler and dead-letter
 * after the last attempt; every outcome is counted ({@link io.homeostat.engine.alert.notify.DeliveryStats}).
 * Secrets come from configuration or the environment as {@link io.homeostat.engine.alert.notify.Secret}s
 * and never appear in logs or {@code toString}.
 */
package io.homeostat.engine.alert.notify;
