package io.homeostat.bench.overhead;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Command-line arguments of the forms {@code --name value} and {@code --flag}, read against the
 * names a program knows. Every error names the argument it is about. Immutable.
 */
final class Arguments {

    private final Map<String, String> values;
    private final Set<String> flags;

    private Arguments(Map<String, String> values, Set<String> flags) {
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
    }

    /**
     * The options {@code parse} reads from {@code args}; if it rejects them, prints
     * {@code program: reason} and {@code usage} to standard error and exits the JVM with 2.
     */
    static <T> T parseOrExit(String program, String usage, Function<String[], T> parse, String... args) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.err.print(usage);
            System.exit(2);
            throw e; // not reached
        }
    }

    /**
     * Reads {@code args}.
     *
     * @param named the names (without {@code --}) that take a value
     * @param flagNames the names that take none
     * @throws IllegalArgumentException if an argument is unknown, given twice or lacks its value
     */
    static Arguments parse(Set<String> named, Set<String> flagNames, String... args) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.startsWith("--") ? arg.substring(2) : "";
            if (flagNames.contains(name)) {
                if (!flags.add(name)) {
                    throw new IllegalArgumentException(arg + " is given twice");
                }
            } else if (named.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                if (values.put(name, args[++i]) != null) {
                    throw new IllegalArgumentException(arg + " is given twice");
                }
            } else {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new Arguments(values, flags);
    }

    /** Whether the flag {@code --name} was given. */
    boolean flag(String name) {
        return flags.contains(name);
    }

    /** The value of {@code --name}, if given. */
    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * The value of {@code --name} as an int, or {@code otherwise} if not given.
     *
     * @throws IllegalArgumentException naming the argument if its value is not a whole number
     */
    int integer(String name, int otherwise) {
        long value = whole(name, otherwise);
        if (value != (int) value) {
            throw new IllegalArgumentException("--" + name + " is too large, was " + value);
        }
        return (int) value;
    }

    /**
     * The value of {@code --name} as a long, or {@code otherwise} if not given.
     *
     * @throws IllegalArgumentException naming the argument if its value is not a whole number
     */
    long whole(String name, long otherwise) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }
}
