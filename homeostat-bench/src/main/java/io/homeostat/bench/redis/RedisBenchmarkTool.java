package io.homeostat.bench.redis;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the {@code redis-benchmark} that ships with the Redis server, and reads its rate. */
final class RedisBenchmarkTool {

    private static final Pattern RATE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) requests per second");

    private RedisBenchmarkTool() {}

    /**
     * XADDs per second of {@code redis-benchmark -c clients -P pipeline -n requests XADD key
     * MAXLEN ~ 10000000 * s payload}, the command the bus sends.
     *
     * @throws IOException if redis-benchmark cannot be run
     * @throws IllegalStateException if it fails or prints no rate
     */
    static double xaddRate(RedisURI uri, String key, String payload, int requests, int clients, int pipeline)
            throws IOException, InterruptedException {
        List<String> command = List.of("redis-benchmark", "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()),
                "-c", Integer.toString(clients), "-P", Integer.toString(pipeline), "-n", Integer.toString(requests),
                "-q", "XADD", key, "MAXLEN", "~", "10000000", "*", "s", payload);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit = process.waitFor();
        Matcher matcher = RATE.matcher(output);
        double rate = -1;
        while (matcher.find()) {
            rate = Double.parseDouble(matcher.group(1));
        }
        if (exit != 0 || rate < 0) {
            throw new IllegalStateException("redis-benchmark failed (exit " + exit + "): " + output);
        }
        return rate;
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
