package io.homeostat.engine.alert.notify;

import java.net.URI;
import java.util.Objects;

/** Argument checks shared by the channels' factories. */
final class ChannelNames {

    private ChannelNames() {}

    static String require(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a channel name must not be blank");
        }
        return name;
    }

    static URI requireHttp(URI url) {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("a channel URL must be http or https, was " + scheme);
        }
        return url;
    }
}
