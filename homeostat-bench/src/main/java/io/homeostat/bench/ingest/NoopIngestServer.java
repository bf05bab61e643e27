package io.homeostat.bench.ingest;

import io.homeostat.server.ServerConfig;
import io.homeostat.server.api.Access;
import io.homeostat.server.api.ApiRoute;
import io.homeostat.server.api.Authorizer;
import io.homeostat.server.api.JacksonJson;
import io.homeostat.server.auth.ApiTokens;
import io.homeostat.server.ingest.IngestRejectedException;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;

/**
 * A peer of the real ingest route: a Javalin server set up as {@code HomeostatServer} sets up
 * its own (same JSON mapper, request size limit, host, token check through the same
 * {@link Authorizer} over the same tokens) whose {@code POST /api/v1/signals} reads the body the
 * same way (into an array of the declared length, or bounded, 16 KiB at a time into a growing
 * buffer when none is declared) and answers 202 with what
 * {@code handler} makes of it: a small fixed object (the no-op handler), or the result of a real
 * {@link io.homeostat.server.ingest.Ingest} publishing to a bus nobody processes (the ingest path
 * alone, without the loop behind it).
 */
final class NoopIngestServer implements AutoCloseable {

    private final Javalin http;

    NoopIngestServer(ServerConfig config, ApiTokens tokens) {
        this(config, tokens, body -> Map.of("accepted", body.length, "duplicates", 0));
    }

    NoopIngestServer(ServerConfig config, ApiTokens tokens, Function<byte[], Object> handler) {
        Authorizer authorizer = new Authorizer(tokens);
        ApiRoute route = ApiRoute.post("/api/v1/signals", Access.OPERATOR, "peer ingest", ctx -> {
            long declared = ctx.contentLength();
            if (declared > config.maxBatchBytes()) {
                throw new IllegalStateException("body too large");
            }
            byte[] body = read(ctx.bodyInputStream(), declared, config.maxBatchBytes());
            ctx.status(202).json(handler.apply(body));
        });
        JacksonJson json = new JacksonJson();
        this.http = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.jsonMapper(json);
            javalin.http.maxRequestSize = config.maxBatchBytes();
            javalin.jetty.host = config.host();
            javalin.jetty.port = 0;
            javalin.routes.addHttpHandler(route.method(), route.path(), authorizer.guard(route));
            javalin.routes.exception(IngestRejectedException.class, (e, ctx) -> {
                if (e.busy()) {
                    ctx.header("Retry-After", "1");
                }
                ctx.status(e.status()).result(e.getMessage());
            });
        });
        http.start();
    }

    private static byte[] read(InputStream in, long declared, int maxBytes) throws IOException {
        if (declared >= 0) {
            byte[] body = in.readNBytes((int) declared);
            if (in.read() != -1) {
                throw new IllegalStateException("body longer than declared");
            }
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > maxBytes) {
                throw new IllegalStateException("body too large");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.stop();
    }
}
