package io.homeostat.server.auth;

import io.homeostat.engine.port.StoreRefusedException;
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
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API tokens, kept in the database ({@link ApiTokenTable}) as SHA-256 hashes of their secrets
 * with their names and roles, so that every server on the database knows them: one started on
 * another data directory, or a standby that takes over. A secret is 32 random bytes (256 bits)
 * from {@link SecureRandom}, so a fast unsalted hash is enough: nobody can guess a preimage, and
 * the table alone does not let anyone call the API. Servers before kept them in a file in their
 * data directory, one line each ({@code <name> <role> <hex hash>}); {@link #load} adds such a
 * file's tokens to the table.
 *
 * <p>Read at start and held in memory; making or revoking one writes that row to the table before
 * memory changes. Only the server holding the database's lease answers the API, so another server
 * changes the table only in the seconds before it learns it lost the lease, and then only the
 * tokens it makes or revokes. Thread-safe: requests read an immutable copy without a lock, so a
 * slow write to the database holds up only other writes.
 */
public final class ApiTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokens.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String PREFIX = "hst_";
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final ApiTokenTable table;
    private final SecureRandom random = new SecureRandom();
    /** The tokens by hash, in the order made; replaced whole, under {@link #writes}. */
    private volatile Map<String, Principal> byHash;
    /** Rows of the table this version cannot read (a role a newer one added): they still count as tokens. */
    private final int unreadable;
    private final Object writes = new Object();

    private ApiTokens(ApiTokenTable table, Map<String, Principal> tokens, int unreadable) {
        this.table = table;
        this.byHash = Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
        this.unreadable = unreadable;
    }

    /**
     * The tokens {@code table} holds. If {@code formerFile} exists (the file servers before kept
     * them in, {@code <data directory>/tokens}), its tokens are added to the table first, those
     * whose name the table holds already left out with a warning, and the file is renamed
     * {@code tokens.imported}: each data directory's tokens go on working, whichever server of a
     * database starts first.
     *
     * @throws io.homeostat.engine.port.StoreUnavailableException if the table cannot be read or written
     * @throws UncheckedIOException if the former file cannot be read
     * @throws IllegalStateException naming the line if the former file is malformed
     */
    public static ApiTokens load(ApiTokenTable table, Path formerFile) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(formerFile, "formerFile");
        if (Files.exists(formerFile)) {
            importFile(table, formerFile);
        }
        Map<String, Principal> tokens = new LinkedHashMap<>();
        int unreadable = 0;
        for (ApiTokenTable.Row row : table.all()) {
            Optional<Role> role = Role.ofWireName(row.role());
            if (role.isEmpty() || !HASH.matcher(row.hash()).matches()) {
                // A row a newer version wrote must not keep the server from starting; that token does not work here.
                LOG.error("API token '{}' cannot be read by this version (role '{}') and is not accepted", row.name(),
                        row.role());
                unreadable++;
                continue;
            }
            tokens.put(row.hash(), new Principal(row.name(), role.get()));
        }
        return new ApiTokens(table, tokens, unreadable);
    }

    /** Adds the tokens of {@code file} that {@code table} lacks, then renames the file. */
    private static void importFile(ApiTokenTable table, Path file) {
        Map<String, Principal> former = readFile(file);
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (ApiTokenTable.Row row : table.all()) {
            names.add(row.name());
            hashes.add(row.hash());
        }
        List<ApiTokenTable.Row> added = new ArrayList<>();
        former.forEach((hash, principal) -> {
            if (hashes.contains(hash)) {
                return; // imported before
            }
            if (names.contains(principal.name())) {
                LOG.warn("API token '{}' of {} is not moved into the database: a token of that name is there already;"
                        + " make it again under another name", principal.name(), file);
                return;
            }
            added.add(row(hash, principal));
        });
        table.insert(added);
        Path imported = file.resolveSibling(file.getFileName() + ".imported");
        try {
            Files.move(file, imported, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("moved {} API tokens of {} into the database (the file is now {})", added.size(), file, imported);
        } catch (IOException e) {
            LOG.warn("moved the API tokens of {} into the database, but could not rename the file; delete it", file, e);
        }
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

    /** True if the database holds no token at all (the first start). */
    public boolean isEmpty() {
        return byHash.isEmpty() && unreadable == 0;
    }

    /** The principal whose secret is {@code secret}, if any. */
    public Optional<Principal> authenticate(String secret) {
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
    public IssuedToken issue(String name, Role role) {
        Objects.requireNonNull(role, "role");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1 to 64 letters, digits or . _ -");
        }
        synchronized (writes) {
            if (byHash.values().stream().anyMatch(p -> p.name().equals(name))) {
                throw new DuplicateTokenException(name);
            }
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            String hash = hash(secret);
            Principal principal = new Principal(name, role);
            try {
                table.insert(List.of(row(hash, principal))); // first: a token the table lacks would be gone at the next start
            } catch (StoreRefusedException e) {
                throw new DuplicateTokenException(name); // another server made it since this one read the table
            }
            Map<String, Principal> after = new LinkedHashMap<>(byHash);
            after.put(hash, principal);
            byHash = Collections.unmodifiableMap(after);
            return new IssuedToken(name, role, secret);
        }
    }

    /**
     * Deletes the token named {@code name} from the table: its secret stops working at once, and
     * so do the browser sessions and live streams opened with it (see {@link #isCurrent}).
     *
     * @return the revoked token's name and role; empty if no token has that name
     * @throws LastAdminTokenException if it is the only admin token (nobody could make tokens after it)
     * @throws io.homeostat.engine.port.StoreUnavailableException if the database cannot take it now
     */
    public Optional<Principal> revoke(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (writes) {
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
            table.delete(found.get().getKey()); // first: a token the table still holds would come back at the next start
            Map<String, Principal> after = new LinkedHashMap<>(byHash);
            after.remove(found.get().getKey());
            byHash = Collections.unmodifiableMap(after);
            return Optional.of(principal);
        }
    }

    /**
     * True while the token {@code principal} was authenticated from exists: false once it is
     * revoked, also if a token of the same name and role was made since.
     */
    public boolean isCurrent(Principal principal) {
        for (Principal held : byHash.values()) {
            if (held == principal) {
                return true;
            }
        }
        return false;
    }

    /** The tokens' names and roles (never their hashes), in the order made. */
    public List<Principal> list() {
        return List.copyOf(byHash.values());
    }

    private static ApiTokenTable.Row row(String hash, Principal principal) {
        return new ApiTokenTable.Row(hash, principal.name(), principal.role().wireName());
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
