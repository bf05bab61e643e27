package io.homeostat.server.auth;

import io.homeostat.store.jdbc.ApiTokenTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API tokens, kept in the database ({@link ApiTokenTable}) as SHA-256 hashes of their secrets
 * with their names and roles, so that every server on the database knows them: one started on
 * another data directory, or a standby that takes over. A secret is 32 random bytes (256 bits)
 * from {@link SecureRandom}, so a fast unsalted hash is enough: nobody can guess a preimage, and
 * the table alone does not let anyone call the API. Servers before kept them in a file in their
 * data directory, one line each ({@code <name> <role> <hex hash>}); {@link #load} moves such a
 * file's tokens into an empty table.
 *
 * <p>Held in memory; a change is written to the table before memory changes. Only the server that
 * holds the database's lease answers the API, so no other writes the table meanwhile; a server
 * reads it at start. Thread-safe (synchronized; tokens change rarely).
 */
public final class ApiTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String PREFIX = "hst_";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final ApiTokenTable table;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Principal> byHash = new LinkedHashMap<>();

    private ApiTokens(ApiTokenTable table) {
        this.table = table;
    }

    /**
     * The tokens {@code table} holds. If it holds none and {@code formerFile} exists (the file
     * servers before kept them in, {@code <data directory>/tokens}), that file's tokens are written
     * to the table first and the file is renamed {@code tokens.imported}; a file beside a table
     * that holds tokens is left alone, and said so in the log.
     *
     * @throws io.homeostat.engine.port.StoreUnavailableException if the table cannot be read or written
     * @throws UncheckedIOException if the former file cannot be read
     * @throws IllegalStateException naming the line if the former file is malformed
     */
    public static ApiTokens load(ApiTokenTable table, Path formerFile) {
        ApiTokens tokens = new ApiTokens(Objects.requireNonNull(table, "table"));
        Objects.requireNonNull(formerFile, "formerFile");
        List<ApiTokenTable.Row> rows = table.all();
        for (ApiTokenTable.Row row : rows) {
            Optional<Role> role = Role.ofWireName(row.role());
            if (role.isEmpty() || !HASH.matcher(row.hash()).matches()) {
                // A row a newer version wrote must not keep the server from starting; that token does not work here.
                LOG.error("API token '{}' has a role this server does not know ({}) and is not accepted", row.name(), row.role());
                continue;
            }
            tokens.byHash.put(row.hash(), new Principal(row.name(), role.get()));
        }
        if (Files.exists(formerFile)) {
            if (rows.isEmpty()) {
                Map<String, Principal> former = readFile(formerFile);
                tokens.save(former);
                tokens.byHash.putAll(former);
                Path imported = formerFile.resolveSibling(formerFile.getFileName() + ".imported");
                try {
                    Files.move(formerFile, imported, StandardCopyOption.REPLACE_EXISTING);
                    LOG.info("moved the {} API tokens of {} into the database (the file is now {})", former.size(),
                            formerFile, imported);
                } catch (IOException e) {
                    LOG.warn("moved the API tokens of {} into the database, but could not rename the file; delete it",
                            formerFile, e);
                }
            } else {
                LOG.warn("{} is not read: the database holds the API tokens (delete the file)", formerFile);
            }
        }
        return tokens;
    }

    /** The tokens of a file in the former format, by hash. */
    private static Map<String, Principal> readFile(Path file) {
        Map<String, Principal> tokens = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                Optional<Role> role = parts.length == 3 ? Role.ofWireName(parts[1]) : Optional.empty();
                if (role.isEmpty() || !NAME.matcher(parts[0]).matches() || !HASH.matcher(parts[2]).matches()
                        || tokens.values().stream().anyMatch(p -> p.name().equals(parts[0]))) {
                    throw new IllegalStateException(file + " line " + (i + 1)
                            + ": expected '<name> <role> <sha-256 hex>', names once each");
                }
                tokens.put(parts[2], new Principal(parts[0], role.get()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
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
     * Creates a token and stores it.
     *
     * @return the token with its secret, which is not kept
     * @throws IllegalArgumentException if {@code name} is not 1 to 64 letters, digits or . _ -
     * @throws DuplicateTokenException if a token has that name
     * @throws io.homeostat.engine.port.StoreUnavailableException if the database cannot take it now
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
        save(after); // first: a token the table does not hold would be gone at the next start
        byHash.clear();
        byHash.putAll(after);
        return new IssuedToken(name, role, secret);
    }

    /**
     * Deletes the token named {@code name} from the table: its secret stops working at once, and
     * so do the browser sessions and live streams opened with it (see {@link #isCurrent}).
     *
     * @return the revoked token's name and role; empty if no token has that name
     * @throws LastAdminTokenException if it is the only admin token (nobody could make tokens after it)
     * @throws io.homeostat.engine.port.StoreUnavailableException if the database cannot take it now
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
        save(after); // first: a token the table still holds would come back at the next start
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
        List<ApiTokenTable.Row> rows = new ArrayList<>();
        tokens.forEach((hash, principal) -> rows.add(new ApiTokenTable.Row(hash, principal.name(), principal.role().wireName())));
        table.replaceAll(rows);
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
