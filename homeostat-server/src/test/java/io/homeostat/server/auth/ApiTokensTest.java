package io.homeostat.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token file: issuing, revoking, what a restart reads back, and what a failed write leaves. */
class ApiTokensTest {

    @TempDir
    Path directory;

    @Test
    void aRevokedTokenIsGoneNowAndAfterARestart() {
        Path file = directory.resolve("tokens");
        ApiTokens tokens = ApiTokens.load(file);
        IssuedToken admin = tokens.issue("admin", Role.ADMIN);
        IssuedToken ci = tokens.issue("ci", Role.OPERATOR);
        Principal ciPrincipal = tokens.authenticate(ci.secret()).orElseThrow();

        assertThat(tokens.revoke("ci")).contains(new Principal("ci", Role.OPERATOR));

        assertThat(tokens.authenticate(ci.secret())).isEmpty();
        assertThat(tokens.isCurrent(ciPrincipal)).isFalse();
        assertThat(tokens.revoke("ci")).isEmpty();
        ApiTokens restarted = ApiTokens.load(file);
        assertThat(restarted.list()).extracting(Principal::name).containsExactly("admin");
        assertThat(restarted.authenticate(ci.secret())).isEmpty();
        assertThat(restarted.authenticate(admin.secret())).isPresent();
    }

    @Test
    void aTokenMadeAgainUnderTheSameNameIsNotTheRevokedOne() {
        ApiTokens tokens = ApiTokens.load(directory.resolve("tokens"));
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
        ApiTokens tokens = ApiTokens.load(directory.resolve("tokens"));
        IssuedToken admin = tokens.issue("admin", Role.ADMIN);
        tokens.issue("watcher", Role.VIEWER);

        assertThatThrownBy(() -> tokens.revoke("admin")).isInstanceOf(LastAdminTokenException.class)
                .hasMessageContaining("only admin token");
        assertThat(tokens.authenticate(admin.secret())).isPresent();

        tokens.issue("admin-2", Role.ADMIN);
        assertThat(tokens.revoke("admin")).isPresent();
    }

    @Test
    void aTokenTheFileCouldNotTakeIsNeitherMadeNorRevoked() throws Exception {
        Path file = directory.resolve("tokens");
        ApiTokens tokens = ApiTokens.load(file);
        tokens.issue("admin", Role.ADMIN);
        IssuedToken ci = tokens.issue("ci", Role.VIEWER);
        // The temporary file the next write goes through is a directory with something in it: the write fails.
        Files.createDirectories(directory.resolve("tokens.tmp").resolve("blocker"));

        assertThatThrownBy(() -> tokens.issue("late", Role.VIEWER)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> tokens.revoke("ci")).isInstanceOf(UncheckedIOException.class);

        assertThat(tokens.list()).extracting(Principal::name).containsExactly("admin", "ci");
        assertThat(tokens.authenticate(ci.secret())).isPresent();
    }
}
