package io.homeostat.engine.codec;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 that signs what Homeostat sends out (alert webhooks, recovery webhooks), in
 * the hex form receivers compare against. Thread-safe.
 */
public final class HmacSha256 {

    private HmacSha256() {}

    /** The lower-case hex HMAC-SHA256 of {@code payload} under {@code key}. */
    public static String hex(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
