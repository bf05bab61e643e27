/**
 * The bulkhead implementations behind {@link io.homeostat.core.bulkhead.Bulkhead}'s factories.
 * Not API: use the factories.
 */
package io.homeostat.core.bulkhead.internal;
