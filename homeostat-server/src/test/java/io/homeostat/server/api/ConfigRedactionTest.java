package io.homeostat.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration view never shows a secret: keys that name one, and secrets inside URLs. */
class ConfigRedactionTest {

    @Test
    void redactsSecretKeysAndSecretsInUrlsAtAnyDepth() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("apiToken", "hst_abc");
        nested.put("url", "https://hooks.example/x?token=s3cr3t&team=ops");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("jdbcUrl", "jdbc:postgresql://127.0.0.1/homeostat?user=app&password=hunter2");
        settings.put("user", "app");
        settings.put("password", "hunter2");
        settings.put("poolSize", 10);
        settings.put("webhook", nested);

        Map<String, Object> shown = ConfigRoutes.redact(settings);

        assertThat(shown).containsEntry("password", ConfigRoutes.REDACTED).containsEntry("user", "app")
                .containsEntry("poolSize", 10)
                .containsEntry("jdbcUrl", "jdbc:postgresql://127.0.0.1/homeostat?user=app&password=" + ConfigRoutes.REDACTED);
        @SuppressWarnings("unchecked")
        Map<String, Object> webhook = (Map<String, Object>) shown.get("webhook");
        assertThat(webhook).containsEntry("apiToken", ConfigRoutes.REDACTED)
                .containsEntry("url", "https://hooks.example/x?token=" + ConfigRoutes.REDACTED + "&team=ops");
        assertThat(shown.toString()).doesNotContain("hunter2", "s3cr3t", "hst_abc");
    }
}
