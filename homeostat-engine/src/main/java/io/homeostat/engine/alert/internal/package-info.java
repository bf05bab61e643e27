/** The alert manager's machinery: tracked alerts, groups, suppression, escalation state. Not API. */
package io.homeostat.engine.alert.internal;
