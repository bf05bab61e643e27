package io.homeostat.core;

import io.homeostat.core.breaker.CircuitBreaker;
import io.homeostat.core.breaker.CircuitState;
import io.homeostat.core.bulkhead.Bulkhead;
import io.homeostat.core.classify.ErrorClassifier;
import io.homeostat.core.retry.Retry;
import io.homeostat.core.signal.CircuitTransition;
import io.homeostat.core.signal.Signal;
import io.homeostat.core.signal.SignalBus;
import io.homeostat.core.time.Clock;
import io.homeostat.core.time.ManualClock;
import io.homeostat.core.time.Scheduler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Named guards built from named configs. {@code guard("llm:openai")} uses the config named
 * {@code llm:openai} if there is one, else the one named after the prefix ({@code llm}), else the
 * default. The registry is bounded: past {@code maxGuards} it evicts the least recently looked-up
 * guard whose breaker is closed (or that has none) — never one that is open or half-open, whose
 * state is what keeps callers safe.
 *
 * <p>Thread-safe. Look a guard up once and keep it; lookups are cheap but not free.
 */
public final class GuardRegistry {

    private final Clock clock;
    private final Scheduler scheduler;
    private final SignalBus bus;
    private final ErrorClassifier classifier;
    private final String caller;
    private final Map<String, String> callerTags;
    private final Map<String, GuardConfig> configs;
    private final int maxGuards;
    private final ConcurrentHashMap<String, Entry> guards = new ConcurrentHashMap<>();
    private final List<Consumer<RegistryEvent>> listeners;
    private final AtomicLong listenerFailures = new AtomicLong();

    private GuardRegistry(Builder builder) {
        this.clock = builder.clock;
        this.scheduler = builder.scheduler != null ? builder.scheduler
                : clock instanceof ManualClock manual ? manual.scheduler() : Scheduler.deadlines();
        this.bus = builder.bus;
        this.classifier = builder.classifier;
        this.caller = builder.caller;
        this.callerTags = caller == null ? Map.of() : Map.of(Signal.CALLER_TAG, caller);
        this.configs = Map.copyOf(builder.configs);
        this.maxGuards = builder.maxGuards;
        this.listeners = new CopyOnWriteArrayList<>(builder.listeners);
    }

    /** A new registry. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The guard for {@code name}, created on first use from its config.
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank or longer than
     *     {@link Signal#MAX_NAME_LENGTH}
     * @throws IllegalStateException if the registry is full and no guard can be evicted
     */
    public Guard guard(String name) {
        return lookup(name, null);
    }

    /**
     * The guard for {@code name}, created on first use from the config named {@code configName}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank or longer than
     *     {@link Signal#MAX_NAME_LENGTH}, or there is no config named {@code configName}
     * @throws IllegalStateException if the registry is full and no guard can be evicted
     */
    public Guard guard(String name, String configName) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configName, "configName");
        if (!configs.containsKey(configName)) {
            throw new IllegalArgumentException("no guard config named '" + configName + "' (known: " + configs.keySet() + ")");
        }
        return lookup(name, configName);
    }

    /**
     * The guard for {@code name}, created from {@code configName}, or from the matching config when
     * null. A name is checked only when it is not found (a found one was checked when added), and
     * before the registry's bound, so a bad name is reported as such.
     */
    private Guard lookup(String name, String configName) {
        Entry entry = guards.get(Objects.requireNonNull(name, "name"));
        if (entry == null) {
            GuardBuilder.requireName(name);
            entry = add(name, configName != null ? configName : configNameFor(name));
        }
        entry.lastUsed = clock.monotonicNanos();
        return entry.guard;
    }

    /**
     * The guard named {@code name}, if it exists; does not create one.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<Guard> find(String name) {
        Entry entry = guards.get(Objects.requireNonNull(name, "name"));
        return entry == null ? Optional.empty() : Optional.of(entry.guard);
    }

    /**
     * Rebuilds the guard {@code name} from {@code config} (its breaker starts closed, its recorder
     * empty); creates it if absent, within {@code maxGuards} as {@link #guard(String)} does.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code name} is blank or longer than
     *     {@link Signal#MAX_NAME_LENGTH}
     * @throws IllegalStateException if there is no guard {@code name}, the registry is full and no
     *     guard can be evicted
     */
    public Guard replace(String name, GuardConfig config) {
        GuardBuilder.requireName(name);
        Objects.requireNonNull(config, "config");
        Guard guard = build(name, config);
        synchronized (this) {
            if (!guards.containsKey(name) && guards.size() >= maxGuards) {
                evictOne();
            }
            Entry old = guards.put(name, new Entry(guard, clock.monotonicNanos()));
            publish(old == null ? new RegistryEvent.Added(name, "(replaced)", clock.instant())
                    : new RegistryEvent.Replaced(name, clock.instant()));
        }
        return guard;
    }

    /**
     * Removes the guard {@code name}; returns whether there was one.
     *
     * @throws NullPointerException if {@code name} is null
     */
    public boolean remove(String name) {
        boolean removed = guards.remove(Objects.requireNonNull(name, "name")) != null;
        if (removed) {
            publish(new RegistryEvent.Removed(name, false, clock.instant()));
        }
        return removed;
    }

    /** The guards now in the registry. */
    public Collection<Guard> guards() {
        List<Guard> all = new ArrayList<>(guards.size());
        guards.values().forEach(entry -> all.add(entry.guard));
        return all;
    }

    /** How many guards the registry holds. */
    public int size() {
        return guards.size();
    }

    /** Listeners that threw, caught and counted. */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /** Adds a listener for later events. */
    public void onEvent(Consumer<RegistryEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private String configNameFor(String name) {
        if (configs.containsKey(name)) {
            return name;
        }
        int colon = name.indexOf(':');
        if (colon > 0 && configs.containsKey(name.substring(0, colon))) {
            return name.substring(0, colon);
        }
        return Builder.DEFAULT;
    }

    private Entry add(String name, String configName) {
        synchronized (this) {
            Entry existing = guards.get(name);
            if (existing != null) {
                return existing;
            }
            if (guards.size() >= maxGuards) {
                evictOne();
            }
            Entry entry = new Entry(build(name, configs.get(configName)), clock.monotonicNanos());
            guards.put(name, entry);
            publish(new RegistryEvent.Added(name, configName, clock.instant()));
            return entry;
        }
    }

    // Guarded by this.
    private void evictOne() {
        String victim = null;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, Entry> e : guards.entrySet()) {
            Entry entry = e.getValue();
            if (evictable(entry.guard) && entry.lastUsed < oldest) {
                oldest = entry.lastUsed;
                victim = e.getKey();
            }
        }
        if (victim == null) {
            throw new IllegalStateException("guard registry is full (" + maxGuards
                    + " guards) and every guard's circuit is open or half-open; raise maxGuards");
        }
        guards.remove(victim);
        publish(new RegistryEvent.Removed(victim, true, clock.instant()));
    }

    private static boolean evictable(Guard guard) {
        CircuitState state = guard.circuitBreaker().map(CircuitBreaker::state).orElse(CircuitState.CLOSED);
        return state == CircuitState.CLOSED || state == CircuitState.DISABLED;
    }

    private Guard build(String name, GuardConfig config) {
        GuardBuilder builder = Guard.builder(name).scheduler(scheduler).signalBus(bus).classifier(classifier)
                .timeout(config.timeout()).recording(config.recording());
        if (caller != null && !caller.equals(name)) {
            builder.caller(caller);
        }
        Consumer<CircuitTransition> transitions = caller == null || caller.equals(name) ? bus::publish
                : t -> bus.publish(new CircuitTransition(t.service(), t.from(), t.to(), t.reason(), t.window(), t.time(),
                        callerTags));
        config.circuitBreaker().ifPresent(breaker -> builder.circuitBreaker(
                CircuitBreaker.builder(name).config(breaker).clock(clock).onTransition(transitions).build()));
        config.retry().ifPresent(retry -> builder.retry(Retry.of(retry)));
        if (config.maxConcurrentCalls() > 0) {
            builder.bulkhead(Bulkhead.semaphore(name, config.maxConcurrentCalls()));
        }
        config.adaptiveLimit().ifPresent(limit -> builder.bulkhead(Bulkhead.adaptive(name, limit)));
        return builder.build();
    }

    private void publish(RegistryEvent event) {
        for (Consumer<RegistryEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                listenerFailures.incrementAndGet();
            }
        }
    }

    private static final class Entry {
        final Guard guard;
        volatile long lastUsed;

        Entry(Guard guard, long lastUsed) {
            this.guard = guard;
            this.lastUsed = lastUsed;
        }
    }

    /** Builds a {@link GuardRegistry}. Not thread-safe. */
    public static final class Builder {
        /** The name of the config used when no other matches. */
        public static final String DEFAULT = "default";

        private Clock clock = Clock.system();
        private Scheduler scheduler;
        private SignalBus bus = SignalBus.none();
        private ErrorClassifier classifier = ErrorClassifier.defaults();
        private String caller;
        private final Map<String, GuardConfig> configs = new HashMap<>(Map.of(DEFAULT, GuardConfig.none()));
        private int maxGuards = 1_000;
        private final List<Consumer<RegistryEvent>> listeners = new ArrayList<>();

        private Builder() {}

        /** The clock of every guard (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The scheduler that watches every guard's timeouts (default: {@link Scheduler#deadlines()}
         * on the real clock, the clock's scheduler on a {@link ManualClock}); sets the clock too.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.clock = scheduler.clock();
            return this;
        }

        /** Where guards publish signals, breaker transitions included (default: nowhere). */
        public Builder signalBus(SignalBus bus) {
            this.bus = Objects.requireNonNull(bus, "bus");
            return this;
        }

        /** How guards classify failures (default: {@link ErrorClassifier#defaults()}). */
        public Builder classifier(ErrorClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /**
         * The service these guards run in (default: none): every guard's signals, its breaker's
         * transitions included, carry the tag {@value Signal#CALLER_TAG}{@code =caller} (see
         * {@link GuardBuilder#caller}); a guard named like the caller itself gets no tag.
         *
         * @throws IllegalArgumentException if blank
         */
        public Builder caller(String caller) {
            Objects.requireNonNull(caller, "caller");
            if (caller.isBlank()) {
                throw new IllegalArgumentException("caller must not be blank");
            }
            this.caller = caller.strip();
            return this;
        }

        /** Adds or replaces the config named {@code name}; {@value #DEFAULT} is the fallback config. */
        public Builder config(String name, GuardConfig config) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("config name must not be blank");
            }
            configs.put(name, Objects.requireNonNull(config, "config"));
            return this;
        }

        /** The bound on guards (default 1,000). */
        public Builder maxGuards(int maxGuards) {
            if (maxGuards < 1) {
                throw new IllegalArgumentException("maxGuards must be at least 1, was " + maxGuards);
            }
            this.maxGuards = maxGuards;
            return this;
        }

        /** A listener for add/replace/remove events; one that throws is counted and skipped. */
        public Builder onEvent(Consumer<RegistryEvent> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The registry. */
        public GuardRegistry build() {
            return new GuardRegistry(this);
        }
    }
}
