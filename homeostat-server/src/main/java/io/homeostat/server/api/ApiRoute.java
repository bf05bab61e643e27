package io.homeostat.server.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Objects;

/**
 * One route of the API: method, path (Javalin form, {@code {name}} for a path parameter), who
 * may call it, what it does, what it answers, and its handler. Immutable.
 *
 * @param query the query parameters it reads, described in the OpenAPI document
 * @param hasBody true if it reads a JSON body
 * @param responses what it answers besides the 4XX every route may answer; by default a JSON
 *     object with 200 (GET, POST), no body with 204 (DELETE)
 */
public record ApiRoute(
        HandlerType method, String path, Access access, String summary, List<String> query, boolean hasBody,
        List<ApiResponse> responses, Handler handler) {

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(summary, "summary");
        query = List.copyOf(query);
        responses = List.copyOf(responses);
        if (responses.isEmpty()) {
            throw new IllegalArgumentException(method + " " + path + ": at least one response");
        }
        Objects.requireNonNull(handler, "handler");
    }

    /** A GET route answering a JSON object with 200. */
    public static ApiRoute get(String path, Access access, String summary, List<String> query, Handler handler) {
        return new ApiRoute(HandlerType.GET, path, access, summary, query, false, List.of(ok()), handler);
    }

    /** A POST route with a JSON body, answering a JSON object with 200. */
    public static ApiRoute post(String path, Access access, String summary, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, access, summary, List.of(), true, List.of(ok()), handler);
    }

    /** A DELETE route without a body, answering 204 without one. */
    public static ApiRoute delete(String path, Access access, String summary, Handler handler) {
        return new ApiRoute(HandlerType.DELETE, path, access, summary, List.of(), false,
                List.of(ApiResponse.empty(204, "done")), handler);
    }

    /** This route answering {@code responses} (besides 4XX) instead. */
    public ApiRoute withResponses(ApiResponse... responses) {
        return new ApiRoute(method, path, access, summary, query, hasBody, List.of(responses), handler);
    }

    /** The usual answer: a JSON object with 200. */
    static ApiResponse ok() {
        return ApiResponse.json(200, "success");
    }
}
