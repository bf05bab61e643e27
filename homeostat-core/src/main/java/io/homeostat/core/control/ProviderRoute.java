package io.homeostat.core.control;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ordered list of interchangeable providers of one answer (e.g. {@code llm:openai},
 * {@code llm:anthropic}; {@code db:primary}, {@code db:replica}) and the one in use. Application
 * code asks {@link #current()} which guard to call; recovery moves it with {@link #advance()}
 * (failover) and back with {@link #select(String)}. Thread-safe: the index moves by
 * compare-and-set.
 */
public final class ProviderRoute {

    private final String name;
    private final List<String> providers;
    private final AtomicInteger index = new AtomicInteger();

    private ProviderRoute(String name, List<String> providers) {
        this.name = name;
        this.providers = providers;
    }

    /**
     * A route starting at the first provider.
     *
     * @throws IllegalArgumentException if {@code name} is blank, fewer than one provider is given,
     *     or a provider is blank or repeated
     */
    public static ProviderRoute of(String name, List<String> providers) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        List<String> copy = List.copyOf(providers);
        if (copy.isEmpty() || copy.stream().anyMatch(String::isBlank) || copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException("providers must be one or more distinct names, was " + copy);
        }
        return new ProviderRoute(name, copy);
    }

    /** The route's name. */
    public String name() {
        return name;
    }

    /** Every provider, in failover order. */
    public List<String> providers() {
        return providers;
    }

    /** The provider in use. */
    public String current() {
        return providers.get(index.get());
    }

    /** The provider {@link #advance()} would switch to; empty on the last one. */
    public Optional<String> next() {
        int at = index.get();
        return at + 1 < providers.size() ? Optional.of(providers.get(at + 1)) : Optional.empty();
    }

    /**
     * Switches to the next provider.
     *
     * @return the provider now in use; empty (and nothing changed) if the current one is the last
     */
    public Optional<String> advance() {
        while (true) {
            int at = index.get();
            if (at + 1 >= providers.size()) {
                return Optional.empty();
            }
            if (index.compareAndSet(at, at + 1)) {
                return Optional.of(providers.get(at + 1));
            }
        }
    }

    /**
     * Switches to {@code provider} (e.g. back to the one used before a failover).
     *
     * @throws UnknownControlTargetException if the route has no such provider
     */
    public void select(String provider) {
        int at = providers.indexOf(provider);
        if (at < 0) {
            throw new UnknownControlTargetException("provider of route " + name, provider);
        }
        index.set(at);
    }

    @Override
    public String toString() {
        return "ProviderRoute[" + name + " -> " + current() + " of " + providers + "]";
    }
}
