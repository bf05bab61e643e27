package io.homeostat.store.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run by its SHA-1 (EVALSHA), sent in full (EVAL) only when the server does not
 * know it yet, e.g. after a restart. Immutable and thread-safe.
 */
final class LuaScript {

    private final String text;
    private final String sha;
    private final ScriptOutputType output;

    LuaScript(String text, ScriptOutputType output) {
        this.text = text;
        this.output = output;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            this.sha = HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    String sha() {
        return sha;
    }

    String text() {
        return text;
    }

    /** Runs the script; what it returns, typed by the output type given at construction. */
    <T> T run(RedisCommands<String, String> redis, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, output, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(text, output, keys, args);
        }
    }
}
