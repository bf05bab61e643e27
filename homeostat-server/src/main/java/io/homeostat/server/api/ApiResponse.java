package io.homeostat.server.api;

import java.util.Objects;

/**
 * One answer a route gives besides the 4XX every route may give ({@link ApiError}), as the OpenAPI
 * document describes it. Immutable.
 *
 * @param status the HTTP status
 * @param description what it means
 * @param contentType the body's content type; empty for no body
 * @param error true if the body is an {@link ApiError}
 */
public record ApiResponse(int status, String description, String contentType, boolean error) {

    /** The content type of the API's JSON. */
    public static final String JSON = "application/json";

    public ApiResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be in [100, 599], was " + status);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** A JSON object. */
    public static ApiResponse json(int status, String description) {
        return new ApiResponse(status, description, JSON, false);
    }

    /** An {@link ApiError}. */
    public static ApiResponse error(int status, String description) {
        return new ApiResponse(status, description, JSON, true);
    }

    /** A body that is not JSON, e.g. text or a stream of server-sent events. */
    public static ApiResponse of(int status, String contentType, String description) {
        return new ApiResponse(status, description, contentType, false);
    }

    /** No body, e.g. 204. */
    public static ApiResponse empty(int status, String description) {
        return new ApiResponse(status, description, "", false);
    }
}
