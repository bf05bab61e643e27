/**
 * The wire forms of what crosses a process boundary. {@link io.homeostat.engine.codec.SignalCodec}
 * writes and strictly reads every kind of {@link io.homeostat.core.signal.Signal}, as signals
 * travel between JVMs (the Redis Streams bus) and arrive from outside (the server's ingest API);
 * a bad document fails with a {@link io.homeostat.engine.codec.SignalDecodingException} that names
 * the field. {@link io.homeostat.engine.codec.HmacSha256} signs what Homeostat sends out (alert and
 * recovery webhooks).
 */
package io.homeostat.engine.codec;
