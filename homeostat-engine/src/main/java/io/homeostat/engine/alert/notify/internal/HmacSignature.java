package io.homeostat.engine.alert.notify.internal;

import io.homeostat.engine.alert.notify.Secret;
import io.homeostat.engine.codec.HmacSha256;
import java.nio.charset.StandardCharsets;

/** HMAC-SHA256 of a body, as {@code sha256=<hex>}. Thread-safe. */
public final class HmacSignature {

    private HmacSignature() {}

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} under {@code key}. */
    public static String sign(Secret key, byte[] body) {
        return "sha256=" + HmacSha256.hex(key.reveal().getBytes(StandardCharsets.UTF_8), body);
    }
}
