package io.homeostat.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API tokens, kept in a file as SHA-256 hashes of their secrets, one line each:
 * {@code <name> <role> <hex hash>}. A secret is 32 random bytes (256 bits) from
 * {@link SecureRandom}, so a fast unsalted hash is enough: nobody can guess a preimage, and the
 * file alone does not let anyone call the API. The file is written to a temporary file and moved
 * into place, readable by its owner only where the file system allows.
 *
 * <p>Thread-safe (synchronized; tokens change rarely).
 */
public final class ApiTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String PREFIX = "hst_";

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Principal> byHash = new LinkedHashMap<>();

    private ApiTokens(Path file) {
        this.file = file;
    }

    /**
     * Loads the tokens in {@code file}; a missing file means no tokens yet.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalStateException naming the line if the file is malformed
     */
    public static ApiTokens load(Path file) {
        ApiTokens tokens = new ApiTokens(Objects.requireNonNull(file, "file"));
        if (Files.exists(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] parts = line.split(" ");
                    Optional<Role> role = parts.length == 3 ? Role.ofWireName(parts[1]) : Optional.empty();
                    if (role.isEmpty() || !NAME.matcher(parts[0]).matches() || parts[2].length() != 64) {
                        throw new IllegalStateException(file + " line " + (i + 1) + ": expected '<name> <role> <sha-256 hex>'");
                    }
                    tokens.byHash.put(parts[2], new Principal(parts[0], role.get()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return tokens;
    }

    /** True if no token exists yet (the first start). */
    public synchronized boolean isEmpty() {
        return byHash.isEmpty();
    }

    /** The principal whose secret is {@code secret}, if any. */
    public synchronized Optional<Principal> authenticate(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(hash(secret)));
    }

    /**
     * Creates a token and saves the file.
     *
     * @return the token with its secret, which is not kept
     * @throws IllegalArgumentException if {@code name} is not 1 to 64 letters, digits or . _ -
     * @throws DuplicateTokenException if a token has that name
     * @throws UncheckedIOException if the file cannot be written
     */
    public synchronized IssuedToken issue(String name, Role role) {
        Objects.requireNonNull(role, "role");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 64 letters, digits or . _ -");
        }
        if (byHash.values().stream().anyMatch(p -> p.name().equals(name))) {
            throw new DuplicateTokenException(name);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Map<String, Principal> after = new LinkedHashMap<>(byHash);
        after.put(hash(secret), new Principal(name, role));
        save(after); // first: a token the file does not hold would be gone at the next start
        byHash.clear();
        byHash.putAll(after);
        return new IssuedToken(name, role, secret);
    }

    /**
     * Deletes the token named {@code name} and saves the file: its secret stops working at once,
     * and so do the browser sessions and live streams opened with it (see {@link #isCurrent}).
     *
     * @return the revoked token's name and role; empty if no token has that name
     * @throws LastAdminTokenException if it is the only admin token (nobody could make tokens after it)
     * @throws UncheckedIOException if the file cannot be written
     */
    public synchronized Optional<Principal> revoke(String name) {
        Objects.requireNonNull(name, "name");
        Optional<Map.Entry<String, Principal>> found = byHash.entrySet().stream()
                .filter(entry -> entry.getValue().name().equals(name)).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Principal principal = found.get().getValue();
        if (principal.role() == Role.ADMIN
                && byHash.values().stream().filter(p -> p.role() == Role.ADMIN).count() == 1) {
            throw new LastAdminTokenException(name);
        }
        Map<String, Principal> after = new LinkedHashMap<>(byHash);
        after.remove(found.get().getKey());
        save(after); // first: a token the file still holds would come back at the next start
        byHash.remove(found.get().getKey());
        return Optional.of(principal);
    }

    /**
     * True while the token {@code principal} was authenticated from exists: false once it is
     * revoked, also if a token of the same name and role was made since.
     */
    public synchronized boolean isCurrent(Principal principal) {
        for (Principal held : byHash.values()) {
            if (held == principal) {
                return true;
            }
        }
        return false;
    }

    /** The tokens' names and roles (never their hashes). */
    public synchronized List<Principal> list() {
        return List.copyOf(byHash.values());
    }

    private void save(Map<String, Principal> tokens) {
        List<String> lines = new ArrayList<>();
        lines.add("# Homeostat API tokens: name role sha-256(secret). Secrets are not stored.");
        tokens.forEach((hash, principal) -> lines.add(principal.name() + " " + principal.role().wireName() + " " + hash));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions are what protects it
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
