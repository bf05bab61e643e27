/**
 * MONITOR input: the JSON form of {@link io.homeostat.core.signal.Signal}s, as they travel between
 * JVMs (the Redis Streams bus) and arrive from outside (the server's ingest API).
 * {@link io.homeostat.engine.codec.SignalCodec} writes and strictly reads every signal kind;
 * a bad document fails with a {@link io.homeostat.engine.codec.SignalDecodingException} that names
 * the field.
 */
package io.homeostat.engine.codec;
