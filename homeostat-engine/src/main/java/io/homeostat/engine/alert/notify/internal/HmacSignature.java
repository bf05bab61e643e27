package io.homeostat.engine.alert.notify.internal;

import io.homeostat.engine.alert.notify.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of a body, as {@code sha256=<hex>}. Thread-safe. */
public final class HmacSignature {

    private HmacSignature() {}

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} under {@code key}. */
    public static String sign(Secret key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
