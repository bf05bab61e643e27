/**
 * The small agent: lets a JVM that is not the Homeostat server report its signals to one. An
 * {@link io.homeostat.core.agent.HttpSignalPublisher} subscribes to the local
 * {@link io.homeostat.core.signal.SignalBus}, batches the signals, POSTs them to the server's
 * {@code /api/v1/signals} with an API token (JDK {@code HttpClient}, no other dependency), retries
 * with backoff, and keeps what it could not deliver in a disk spool that it replays in order.
 */
package io.homeostat.core.agent;
