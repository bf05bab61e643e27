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

    /**
     * A whole number in [{@code min}, {@code max}], or {@code fallback} when absent.
     *
     * @throws BadRequestException naming {@code name} if it is not a whole number or out of range
     */
    static int integer(Context ctx, String name, int fallback, int min, int max) {
        Optional<String> value = text(ctx, name);
        if (value.isEmpty()) {
            return fallback;
        }
        int number;
        try {
            number = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name, "expected a whole number, got '" + value.get() + "'");
        }
        if (number < min || number > max) {
            throw new BadRequestException(name, "must be in [" + min + ", " + max + "], was " + number);
        }
        return number;
    }

    /** {@code ?hours=N}: how far back to look, default 24, in [1, 720]. */
    static int hours(Context ctx) {
        return integer(ctx, "hours", 24, 1, 720);
    }
}
