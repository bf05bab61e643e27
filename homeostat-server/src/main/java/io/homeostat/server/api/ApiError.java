package io.homeostat.server.api;

/**
 * The body of every error answer.
 *
 * @param status the HTTP status
 * @param error what is wrong, in words
 * @param field the offending field or parameter; empty when the request as a whole is wrong
 */
public record ApiError(int status, String error, String field) {}
