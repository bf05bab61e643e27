package io.homeostat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homeostat.core.time.ManualClock;
import io.homeostat.engine.port.StoreUnavailableException;
import io.homeostat.server.HomeostatServer;
import io.homeostat.server.ServerConfig;
import io.homeostat.store.jdbc.ApiTokenTable;
import io.homeostat.store.jdbc.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API tokens in the database: issuing, revoking, what a restart reads back, what a failed
 * write leaves, and the file servers before kept them in moved into the table.
 */
class ApiTokensTest {

    @TempDir
    Path directory;

    private JdbcStore store;

    private ApiTokenTable table() {
        if (store == null) {
            store = JdbcStore.open(HomeostatServer.embeddedStore(ServerConfig.defaults().withDataDirectory(directory)),
                    ManualClock.create().scheduler());
        }
        return store.apiTokens();
    }

    /** The tokens of the database, as a server starting now reads them. */
    private ApiTokens load() {
        return ApiTokens.load(table(), directory.resolve("tokens"));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aRevokedTokenIsGoneNowAndAfterARestart() {
        ApiTokens tokens = load();
        IssuedToken admin = tokens.issue("admin", Role.ADMIN);
        IssuedToken ci = tokens.issue("ci", Role.OPERATOR);
        Principal ciPrincipal = tokens.authenticate(ci.secret()).orElseThrow();

        assertThat(tokens.revoke("ci")).contains(new Principal("ci", Role.OPERATOR));

        assertThat(tokens.authenticate(ci.secret())).isEmpty();
        assertThat(tokens.isCurrent(ciPrincipal)).isFalse();
        assertThat(tokens.revoke("ci")).isEmpty();
        store.close();
        store = null;
        ApiTokens restarted = load();
        assertThat(restarted.list()).extracting(Principal::name).containsExactly("admin");
        assertThat(restarted.authenticate(ci.secret())).isEmpty();
        assertThat(restarted.authenticate(admin.secret())).isPresent();
    }

    @Test
    void onlyHashesAreStored() {
        IssuedToken admin = load().issue("admin", Role.ADMIN);

        assertThat(table().all()).singleElement().satisfies(row -> {
            assertThat(row.hash()).isEqualTo(sha256(admin.secret())).doesNotContain(admin.secret());
            assertThat(row.name()).isEqualTo("admin");
            assertThat(row.role()).isEqualTo("admin");
        });
    }

    @Test
    void aTokenMadeAgainUnderTheSameNameIsNotTheRevokedOne() {
        ApiTokens tokens = load();
        tokens.issue("admin", Role.ADMIN);
        Principal first = tokens.authenticate(tokens.issue("ci", Role.VIEWER).secret()).orElseThrow();
        tokens.revoke("ci");

        Principal second = tokens.authenticate(tokens.issue("ci", Role.VIEWER).secret()).orElseThrow();

        assertThat(second).isEqualTo(first);
        assertThat(tokens.isCurrent(second)).isTrue();
        assertThat(tokens.isCurrent(first)).as("sessions and streams of the revoked secret stay ended").isFalse();
    }

    @Test
    void theOnlyAdminTokenIsNotRevoked() {
        ApiTokens tokens = load();
        IssuedToken admin = tokens.issue("admin", Role.ADMIN);
        tokens.issue("watcher", Role.VIEWER);

        assertThatThrownBy(() -> tokens.revoke("admin")).isInstanceOf(LastAdminTokenException.class)
                .hasMessageContaining("only admin token");
        assertThat(tokens.authenticate(admin.secret())).isPresent();

        tokens.issue("admin-2", Role.ADMIN);
        assertThat(tokens.revoke("admin")).isPresent();
    }

    @Test
    void aTokenTheDatabaseCouldNotTakeIsNeitherMadeNorRevoked() {
        ApiTokens tokens = load();
        tokens.issue("admin", Role.ADMIN);
        IssuedToken ci = tokens.issue("ci", Role.VIEWER);
        store.close(); // the database is gone

        assertThatThrownBy(() -> tokens.issue("late", Role.VIEWER)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> tokens.revoke("ci")).isInstanceOf(StoreUnavailableException.class);

        assertThat(tokens.list()).extracting(Principal::name).containsExactly("admin", "ci");
        assertThat(tokens.authenticate(ci.secret())).isPresent();
    }

    @Test
    void theFileOfAFormerVersionMovesIntoTheTableAndIsRenamed() throws Exception {
        String adminSecret = "hst_former-admin-secret";
        String ciSecret = "hst_former-ci-secret";
        Files.write(directory.resolve("tokens"), List.of("# Homeostat API tokens: name role sha-256(secret).",
                "admin admin " + sha256(adminSecret), "ci operator " + sha256(ciSecret)));

        ApiTokens tokens = load();

        assertThat(tokens.authenticate(adminSecret)).contains(new Principal("admin", Role.ADMIN));
        assertThat(tokens.authenticate(ciSecret)).contains(new Principal("ci", Role.OPERATOR));
        assertThat(table().all()).extracting(ApiTokenTable.Row::name).containsExactly("admin", "ci");
        assertThat(directory.resolve("tokens")).doesNotExist();
        assertThat(directory.resolve("tokens.imported")).exists();
        tokens.revoke("ci");
        assertThat(load().authenticate(ciSecret)).as("a revoked token does not come back from the renamed file").isEmpty();
    }

    @Test
    void theFileOfAnotherDataDirectoryAddsTheTokensWhoseNamesAreFree() throws Exception {
        IssuedToken admin = load().issue("admin", Role.ADMIN);
        String agentSecret = "hst_agent-of-the-other-server";
        Files.write(directory.resolve("tokens"), List.of("admin admin " + sha256("hst_the-other-servers-admin"),
                "agent operator " + sha256(agentSecret)));

        ApiTokens tokens = load();

        assertThat(tokens.authenticate(agentSecret)).contains(new Principal("agent", Role.OPERATOR));
        assertThat(tokens.authenticate("hst_the-other-servers-admin")).as("its name is taken: left out").isEmpty();
        assertThat(tokens.authenticate(admin.secret())).isPresent();
        assertThat(tokens.list()).extracting(Principal::name).containsExactly("admin", "agent");
    }

    @Test
    void aTableWhoseOnlyTokensThisVersionCannotReadIsNotAFirstStart() {
        table().insert(List.of(new ApiTokenTable.Row("c".repeat(64), "auditor", "auditor")));

        ApiTokens tokens = load();

        assertThat(tokens.list()).isEmpty();
        assertThat(tokens.isEmpty()).as("no admin token is made over it").isFalse();
        tokens.issue("admin", Role.ADMIN);
        assertThat(table().all()).extracting(ApiTokenTable.Row::name).as("the unreadable row is kept")
                .containsExactly("auditor", "admin");
    }

    @Test
    void aMalformedFormerFileIsNamedWithItsLineAndNothingIsMoved() throws Exception {
        Files.write(directory.resolve("tokens"), List.of("admin admin " + sha256("hst_x"), "ci superuser " + sha256("hst_y")));

        assertThatThrownBy(this::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(directory.resolve("tokens") + " line 2");
        assertThat(table().all()).isEmpty();
        assertThat(directory.resolve("tokens")).exists();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
