package io.homeostat.engine.alert.notify.internal;

import io.homeostat.engine.alert.notify.ChannelTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** One JSON POST as a delivery attempt: a status outside 2xx fails it. Thread-safe. */
public final class HttpPost implements RetryingDelivery.Attempt {

    private final ChannelTransport transport;
    private final URI url;
    private final byte[] body;
    private final Map<String, String> headers;

    public HttpPost(ChannelTransport transport, URI url, byte[] body, Map<String, String> headers) {
        this.transport = transport;
        this.url = url;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void run() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(transport.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response = transport.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            // The URL may carry a secret (Slack's does): name the host only.
            throw new IOException("HTTP " + response.statusCode() + " from " + url.getHost());
        }
    }
}
