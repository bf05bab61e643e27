package io.homeostat.server.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads query parameters strictly: a bad value is a {@link BadRequestException} naming it. */
final class Params {

    private Params() {}

    static Optional<String> text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    static Optional<Instant> instant(Context ctx, String name) {
        return text(ctx, name).map(value -> {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new BadRequestException(name, "expected an ISO-8601 instant such as 2026-01-01T00:00:00Z, got '" + value + "'");
            }
        });
    }

    static int limit(Context ctx, int fallback, int max) {
        Optional<String> value = text(ctx, "limit");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.get());
            if (limit < 1 || limit > max) {
                throw new BadRequestException("limit", "must be in [1, " + max + "], was " + limit);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new BadRequestException("limit", "expected a whole number, got '" + value.get() + "'");
        }
    }

    static <E extends Enum<E>> Optional<E> enumValue(Context ctx, String name, Class<E> type) {
        return text(ctx, name).map(value -> {
            try {
                return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(name, "unknown value '" + value + "'");
            }
        });
    }
}
