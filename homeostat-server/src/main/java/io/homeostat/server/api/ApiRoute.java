package io.homeostat.server.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Objects;

/**
 * One route of the API: method, path (Javalin form, {@code {name}} for a path parameter), who
 * may call it, what it does, and its handler. Immutable.
 *
 * @param query the query parameters it reads, described in the OpenAPI document
 * @param hasBody true if it reads a JSON body
 */
public record ApiRoute(
        HandlerType method, String path, Access access, String summary, List<String> query, boolean hasBody,
        Handler handler) {

    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(summary, "summary");
        query = List.copyOf(query);
        Objects.requireNonNull(handler, "handler");
    }

    /** A GET route. */
    public static ApiRoute get(String path, Access access, String summary, List<String> query, Handler handler) {
        return new ApiRoute(HandlerType.GET, path, access, summary, query, false, handler);
    }

    /** A POST route with a JSON body. */
    public static ApiRoute post(String path, Access access, String summary, Handler handler) {
        return new ApiRoute(HandlerType.POST, path, access, summary, List.of(), true, handler);
    }

    /** A DELETE route without a body. */
    public static ApiRoute delete(String path, Access access, String summary, Handler handler) {
        return new ApiRoute(HandlerType.DELETE, path, access, summary, List.of(), false, handler);
    }
}
