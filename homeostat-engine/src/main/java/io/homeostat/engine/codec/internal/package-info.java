/** The JSON reading and writing behind {@link io.homeostat.engine.codec.SignalCodec}. */
package io.homeostat.engine.codec.internal;
