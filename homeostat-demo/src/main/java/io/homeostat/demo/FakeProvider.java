package io.homeostat.demo;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An upstream service on loopback with a fault switch: healthy it answers 200 with a finding,
 * down it answers 503. Thread-safe.
 */
final class FakeProvider implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private volatile boolean down;

    private FakeProvider(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/analyse", exchange -> {
            byte[] body = (down ? "{\"error\":\"overloaded\"}" : "{\"finding\":\"no acute findings\",\"by\":\"" + name + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(down ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static FakeProvider start(String name) throws IOException {
        return new FakeProvider(name);
    }

    String name() {
        return name;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/analyse");
    }

    void down(boolean down) {
        this.down = down;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
