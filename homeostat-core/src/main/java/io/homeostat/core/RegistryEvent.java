package io.homeostat.core;

import java.time.Instant;

/** A change in a {@link GuardRegistry}, published to its listeners after it happened. */
public sealed interface RegistryEvent {

    /** The guard's name. */
    String name();

    /** When it happened. */
    Instant time();

    /** A guard was created from the named config. */
    record Added(String name, String config, Instant time) implements RegistryEvent {}

    /** A guard was rebuilt from a new config; calls go to the new one from now on. */
    record Replaced(String name, Instant time) implements RegistryEvent {}

    /** A guard left the registry, removed by hand or evicted to stay within the bound. */
    record Removed(String name, boolean evicted, Instant time) implements RegistryEvent {}
}
