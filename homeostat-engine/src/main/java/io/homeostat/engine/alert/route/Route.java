package io.homeostat.engine.alert.route;

import io.homeostat.engine.alert.Labels;
import io.homeostat.engine.alert.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A node of the routing tree. An alert that matches a node goes on to its children; it is
 * delivered at the deepest nodes that match (the first matching child, or every matching child
 * while they say {@code continueMatching}); a node no child of which matches delivers it itself.
 * Children do not inherit settings: each node states its receiver, grouping and timing (the
 * builder's defaults are {@code groupBy [service]} and {@link GroupTiming#defaults()}).
 * Immutable and thread-safe.
 *
 * @param receiver the receiver's name
 * @param matchers all must match; empty matches every alert (the root has none)
 * @param groupBy the labels whose values make one group, e.g. {@code [incident]}
 * @param timing the group's timers
 * @param continueMatching true: a later sibling may match too
 * @param routes the children, tried in order
 */
public record Route(
        String receiver,
        List<Matcher> matchers,
        List<String> groupBy,
        GroupTiming timing,
        boolean continueMatching,
        List<Route> routes) {

    /** @throws IllegalArgumentException if {@code receiver} is blank */
    public Route {
        Objects.requireNonNull(receiver, "receiver");
        if (receiver.isBlank()) {
            throw new IllegalArgumentException("receiver must not be blank");
        }
        matchers = List.copyOf(matchers);
        groupBy = List.copyOf(groupBy);
        Objects.requireNonNull(timing, "timing");
        routes = List.copyOf(routes);
    }

    /** A builder for a route to {@code receiver}. */
    public static Builder to(String receiver) {
        return new Builder(receiver);
    }

    /** True if every matcher matches {@code labels}. */
    public boolean matches(Labels labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }

    /**
     * The routes that deliver an alert with {@code labels}, if this route matches it: the
     * deepest matching nodes, in tree order; empty if this route does not match.
     */
    public List<Route> resolve(Labels labels) {
        if (!matches(labels)) {
            return List.of();
        }
        List<Route> found = new ArrayList<>();
        for (Route child : routes) {
            List<Route> below = child.resolve(labels);
            found.addAll(below);
            if (!below.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        return found.isEmpty() ? List.of(this) : found;
    }

    /** Every receiver named in this tree. */
    public List<String> receivers() {
        List<String> all = new ArrayList<>();
        all.add(receiver);
        routes.forEach(r -> all.addAll(r.receivers()));
        return all;
    }

    /** Builds a {@link Route}. Not thread-safe. */
    public static final class Builder {
        private final String receiver;
        private final List<Matcher> matchers = new ArrayList<>();
        private List<String> groupBy = List.of(Labels.SERVICE);
        private GroupTiming timing = GroupTiming.defaults();
        private boolean continueMatching;
        private final List<Route> routes = new ArrayList<>();

        private Builder(String receiver) {
            this.receiver = receiver;
        }

        /** Adds a condition; default none. */
        public Builder match(Matcher matcher) {
            matchers.add(Objects.requireNonNull(matcher, "matcher"));
            return this;
        }

        /** The grouping labels; default {@code [service]}. */
        public Builder groupBy(String... labels) {
            groupBy = List.of(labels);
            return this;
        }

        /** The group timers; default {@link GroupTiming#defaults()}. */
        public Builder timing(GroupTiming timing) {
            this.timing = Objects.requireNonNull(timing, "timing");
            return this;
        }

        /** Lets later siblings match too; default false. */
        public Builder continueMatching() {
            continueMatching = true;
            return this;
        }

        /** Adds a child route. */
        public Builder route(Route child) {
            routes.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        /** @throws IllegalArgumentException if the receiver is blank */
        public Route build() {
            return new Route(receiver, matchers, groupBy, timing, continueMatching, routes);
        }
    }
}
