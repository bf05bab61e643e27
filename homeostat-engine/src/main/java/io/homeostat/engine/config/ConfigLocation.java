package io.homeostat.engine.config;

import java.util.Objects;

/**
 * Where a configuration value sits: the source (usually a file name), and its 1-based line and
 * column. Immutable and thread-safe.
 *
 * @param source the name of the file or other source the value was read from, never blank
 * @param line 1-based line, or 0 if unknown
 * @param column 1-based column, or 0 if unknown
 */
public record ConfigLocation(String source, int line, int column) {

    /**
     * @throws IllegalArgumentException if {@code source} is blank or a position is negative
     */
    public ConfigLocation {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative, were " + line + ", " + column);
        }
    }

    /** {@code source:line:column}, the form compilers use. */
    @Override
    public String toString() {
        return source + ':' + line + ':' + column;
    }
}
