/**
 * The HTTP API under {@code /api/v1}: one table of {@link io.homeostat.server.api.ApiRoute}s,
 * each with the role it needs, registered explicitly before the server starts and described by
 * the OpenAPI document generated from the same table. Knowledge is read here; operator actions
 * (circuits, alerts) are the Execute side's manual levers, each written to the audit trail.
 */
package io.homeostat.server.api;
