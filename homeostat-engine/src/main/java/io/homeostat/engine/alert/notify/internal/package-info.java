/** Delivery mechanics of the channels: retries, signing, payloads. Not API. */
package io.homeostat.engine.alert.notify.internal;
