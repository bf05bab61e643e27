package io.homeostat.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A test's subscription to the server's SSE stream: every line received, as it arrives.
 * {@link #close()} shuts its client down at once ({@link HttpClient#close()} would wait for the
 * endless stream to finish, and hang the test).
 */
final class LiveLines implements AutoCloseable {

    private final HttpClient client = HttpClient.newHttpClient();
    private final HttpResponse<Stream<String>> response;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    LiveLines(HttpRequest request) throws Exception {
        this.response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
        Iterator<String> reader = response.body().iterator();
        CompletableFuture.runAsync(() -> {
            while (reader.hasNext()) {
                lines.add(reader.next());
            }
        });
    }

    /** The response's status and headers. */
    HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The lines received so far (a live view). */
    List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        response.body().close();
        client.shutdownNow();
    }
}
