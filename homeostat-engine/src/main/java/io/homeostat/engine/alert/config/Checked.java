package io.homeostat.engine.alert.config;

import io.homeostat.engine.config.ConfigException;
import io.homeostat.engine.config.ConfigNode;
import java.util.function.Supplier;

/** Turns a record's validation error into a {@link ConfigException} at the node it came from. */
final class Checked {

    private Checked() {}

    static <T> T value(ConfigNode node, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }
}
