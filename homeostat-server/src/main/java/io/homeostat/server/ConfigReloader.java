package io.homeostat.server;

import io.homeostat.server.runtime.ConfigChanges;
import io.homeostat.server.runtime.ControlLoop;
import io.homeostat.server.runtime.LoopConfig;
import io.homeostat.server.runtime.Reconfigurer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Re-reads the {@code homeostat.yaml} a server was started with and applies what a running loop
 * can take (rules, workflows, flags; see {@link Reconfigurer}). The file is read and checked whole
 * first: an invalid file changes nothing. Settings that only a restart applies (the
 * {@code server} section, {@code degradation}, {@code retention}, {@code incidents}, {@code alerting}, {@code redis}) are compared with those the
 * server started with and reported, never silently ignored; a {@code server} setting that the
 * environment or the command line overrides is compared as overridden, so a change of the file that
 * a restart would not apply either is not reported. Thread-safe: reloads are serialised.
 */
public final class ConfigReloader {

    /**
     * What a reload did.
     *
     * @param file the file read
     * @param changes what the loop took
     * @param restartRequired settings that take effect only on a restart and whose value in effect
     *     would change (the file's, with the environment's and the command line's overrides applied),
     *     e.g. {@code server.port}; sorted
     */
    public record Result(Path file, ConfigChanges changes, List<String> restartRequired) {

        /** Copies the list. */
        public Result {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(changes, "changes");
            restartRequired = List.copyOf(restartRequired);
        }

        /** One line for people and the audit trail. */
        public String summary() {
            return changes.summary() + (restartRequired.isEmpty() ? ""
                    : "; restart required for " + String.join(", ", restartRequired));
        }
    }

    private final Optional<Path> file;
    private final ServerConfig startedWith;
    private final UnaryOperator<ServerConfig> overrides;
    private final Reconfigurer reconfigurer;
    private final ControlLoop loop;
    private final ReentrantLock lock = new ReentrantLock();

    private ConfigReloader(Optional<Path> file, ServerConfig startedWith, UnaryOperator<ServerConfig> overrides,
            Reconfigurer reconfigurer, ControlLoop loop) {
        this.file = file;
        this.startedWith = startedWith;
        this.overrides = overrides;
        this.reconfigurer = reconfigurer;
        this.loop = loop;
    }

    /**
     * Reads {@code file} and applies its loop sections to {@code loop}, which runs the shipped defaults.
     *
     * @param overrides what makes the server's settings from the file's: the environment's and the
     *     command line's overrides, identity if none
     * @throws io.homeostat.engine.config.ConfigException naming file, line and key if the file is invalid
     * @throws IllegalArgumentException if a workflow repeats a name the embedding application uses
     * @throws java.io.UncheckedIOException if it cannot be read
     */
    static ConfigReloader start(Path file, ControlLoop loop, UnaryOperator<ServerConfig> overrides) {
        ServerConfigFile.Contents contents = ServerConfigFile.read(file, ServerConfig.defaults(), loop.actions());
        return new ConfigReloader(Optional.of(file.toAbsolutePath().normalize()), contents.server(), overrides, Reconfigurer.start(loop, contents.loop()),
                loop);
    }

    /** A reloader of a server started without a file: the shipped defaults, nothing to reload. */
    static ConfigReloader none(ControlLoop loop) {
        return new ConfigReloader(Optional.empty(), ServerConfig.defaults(), UnaryOperator.identity(),
                Reconfigurer.start(loop, LoopConfig.defaults()), loop);
    }

    /** The file the server was started with, if any, as an absolute path. */
    public Optional<Path> file() {
        return file;
    }

    /** The loop's configuration in effect (the file's sections at the last load, else the shipped ones). */
    public LoopConfig current() {
        return reconfigurer.current();
    }

    /**
     * Re-reads the file and applies it.
     *
     * @throws NoConfigFileException if the server was started without a file
     * @throws io.homeostat.engine.config.ConfigException naming file, line and key if the file is
     *     invalid; nothing changed
     * @throws IllegalArgumentException if a workflow repeats a name the embedding application uses;
     *     nothing changed
     * @throws java.io.UncheckedIOException if the file cannot be read; nothing changed
     */
    public Result reload() {
        Path path = file.orElseThrow(NoConfigFileException::new);
        lock.lock();
        try {
            ServerConfigFile.Contents contents = ServerConfigFile.read(path, ServerConfig.defaults(), loop.actions());
            ConfigChanges changes = reconfigurer.apply(contents.loop());
            return new Result(path, changes, restartRequired(contents.server()));
        } finally {
            lock.unlock();
        }
    }

    private List<String> restartRequired(ServerConfig fileNow) {
        // What a restart would run with against what runs now, both through the same overrides.
        ServerConfig now = overrides.apply(fileNow);
        ServerConfig startedWith = overrides.apply(this.startedWith);
        List<String> keys = new ArrayList<>();
        if (!now.host().equals(startedWith.host())) {
            keys.add("server.host");
        }
        if (now.port() != startedWith.port()) {
            keys.add("server.port");
        }
        if (!now.dataDirectory().equals(startedWith.dataDirectory())) {
            keys.add("server.data");
        }
        if (!now.degradation().equals(startedWith.degradation())) {
            keys.add("degradation");
        }
        if (!now.retention().equals(startedWith.retention())) {
            keys.add("retention");
        }
        if (!now.incidents().equals(startedWith.incidents())) {
            keys.add("incidents");
        }
        if (!now.alerting().equals(startedWith.alerting())) {
            keys.add("alerting");
        }
        if (!now.redis().equals(startedWith.redis())) {
            keys.add("redis");
        }
        return List.copyOf(new TreeSet<>(keys));
    }

    /** The server was started without {@code --config}: there is no file to reload. */
    public static final class NoConfigFileException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NoConfigFileException() {
            super("the server was started without --config: there is no homeostat.yaml to reload; restart it with "
                    + "--config FILE");
        }
    }
}
