package io.homeostat.engine.diagnose.rule;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.engine.diagnose.Fact;
import io.homeostat.engine.internal.Glob;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One test a diagnosis rule makes of a {@link Fact}. A condition that matches says on what, in
 * words, for the explanation (e.g. {@code message contains "connection"}); one that does not
 * match, or does not apply to the fact (a latency test on a fact without a latency), is empty.
 * Lists inside one condition are alternatives: any of them matches. Immutable and thread-safe.
 */
public sealed interface Condition {

    /** What matched, for the explanation; empty if the fact does not match. */
    Optional<String> match(Fact fact);

    /** The message contains one of {@code words}, ignoring case. */
    record MessageContains(List<String> words) implements Condition {
        public MessageContains {
            words = nonEmpty(words, "words").stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        }

        @Override
        public Optional<String> match(Fact fact) {
            String message = fact.message().toLowerCase(Locale.ROOT);
            return words.stream().filter(message::contains).findFirst().map(w -> "message contains \"" + w + "\"");
        }
    }

    /** A part of the message matches {@code pattern} (compiled case-insensitive by the reader). */
    record MessageMatches(Pattern pattern) implements Condition {
        public MessageMatches {
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public Optional<String> match(Fact fact) {
            var matcher = pattern.matcher(fact.message());
            return matcher.find() ? Optional.of("message matches /" + pattern.pattern() + "/ at \"" + matcher.group() + "\"")
                    : Optional.empty();
        }
    }

    /** The error type (exception class name, {@code http.503}, ...) matches one of the globs, ignoring case. */
    record ExceptionType(List<String> globs) implements Condition {
        public ExceptionType {
            globs = nonEmpty(globs, "globs").stream().map(g -> g.toLowerCase(Locale.ROOT)).toList();
        }

        @Override
        public Optional<String> match(Fact fact) {
            String type = fact.errorType().toLowerCase(Locale.ROOT);
            return globs.stream().filter(g -> Glob.matches(g, type)).findFirst()
                    .map(g -> "exception type " + fact.errorType() + " matches " + g);
        }
    }

    /** The kernel's error category is one of {@code categories}. */
    record ErrorCategoryIn(Set<ErrorCategory> categories) implements Condition {
        public ErrorCategoryIn {
            categories = Set.copyOf(nonEmpty(categories, "categories"));
        }

        @Override
        public Optional<String> match(Fact fact) {
            return fact.errorCategory().filter(categories::contains).map(c -> "error category " + c.label());
        }
    }

    /** The call, or the latency a detection saw, took longer than {@code limit}. */
    record LatencyAbove(Duration limit) implements Condition {
        public LatencyAbove {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("limit must not be negative, was " + limit);
            }
        }

        @Override
        public Optional<String> match(Fact fact) {
            double limitMillis = limit.toNanos() / 1e6;
            var latency = fact.latencyMillis();
            return latency.isPresent() && latency.getAsDouble() > limitMillis
                    ? Optional.of("latency " + Math.round(latency.getAsDouble()) + "ms > " + Math.round(limitMillis) + "ms")
                    : Optional.empty();
        }
    }

    /** The HTTP status is one of {@code codes}: exact ({@code 401}) or a class ({@code 5xx}). */
    record HttpStatusIn(List<String> codes) implements Condition {
        public HttpStatusIn {
            codes = nonEmpty(codes, "codes").stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
            for (String code : codes) {
                if (!code.matches("[1-5](\\d\\d|xx)")) {
                    throw new IllegalArgumentException("an HTTP status is 100..599 or a class like 5xx, was '" + code + "'");
                }
            }
        }

        @Override
        public Optional<String> match(Fact fact) {
            if (fact.httpStatus().isEmpty()) {
                return Optional.empty();
            }
            String status = Integer.toString(fact.httpStatus().getAsInt());
            return codes.stream()
                    .filter(c -> c.equals(status) || (c.endsWith("xx") && c.charAt(0) == status.charAt(0)))
                    .findFirst().map(c -> "HTTP status " + status + (c.equals(status) ? "" : " is " + c));
        }
    }

    /** The fact is one of {@code kinds} (a failure, an outcome, a circuit, a health report, a detection). */
    record KindIn(Set<Fact.Kind> kinds) implements Condition {
        public KindIn {
            kinds = Set.copyOf(nonEmpty(kinds, "kinds"));
        }

        @Override
        public Optional<String> match(Fact fact) {
            return kinds.contains(fact.kind())
                    ? Optional.of("a " + fact.kind().name().toLowerCase(Locale.ROOT)) : Optional.empty();
        }
    }

    /** The fact is a detection of one of {@code categories}, e.g. {@code latency}, {@code resource}. */
    record DetectionCategoryIn(Set<String> categories) implements Condition {
        public DetectionCategoryIn {
            categories = Set.copyOf(nonEmpty(categories, "categories"));
        }

        @Override
        public Optional<String> match(Fact fact) {
            return categories.contains(fact.detectionCategory())
                    ? Optional.of("detection category " + fact.detectionCategory()) : Optional.empty();
        }
    }

    /** The detection's metric, or the health check's name, matches one of the globs. */
    record MetricMatches(List<String> globs) implements Condition {
        public MetricMatches {
            globs = List.copyOf(nonEmpty(globs, "globs"));
        }

        @Override
        public Optional<String> match(Fact fact) {
            return globs.stream().filter(g -> !fact.metric().isEmpty() && Glob.matches(g, fact.metric())).findFirst()
                    .map(g -> "metric " + fact.metric() + " matches " + g);
        }
    }

    /** The service matches one of the globs, e.g. {@code db:*}. */
    record ServiceMatches(List<String> globs) implements Condition {
        public ServiceMatches {
            globs = List.copyOf(nonEmpty(globs, "globs"));
        }

        @Override
        public Optional<String> match(Fact fact) {
            return globs.stream().filter(g -> Glob.matches(g, fact.service())).findFirst()
                    .map(g -> "service " + fact.service() + " matches " + g);
        }
    }

    private static <C extends java.util.Collection<?>> C nonEmpty(C values, String name) {
        Objects.requireNonNull(values, name);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return values;
    }
}
