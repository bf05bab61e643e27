package io.homeostat.server.api;

import io.homeostat.server.ingest.Ingest;
import io.homeostat.server.ingest.IngestRejectedException;
import io.homeostat.server.ingest.IngestResult;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * {@code POST /api/v1/signals}: a batch of signals, all or nothing. The body is read up to the
 * limit and no further: a declared or actual length past it gets 413 before any signal is
 * looked at.
 */
final class IngestRoutes {

    private final Ingest ingest;
    private final int maxBytes;

    IngestRoutes(Ingest ingest, int maxBytes) {
        this.ingest = ingest;
        this.maxBytes = maxBytes;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.post("/api/v1/signals", Access.OPERATOR,
                "Ingests a batch {\"signals\":[{\"id\":...,\"kind\":...},...]}, all or nothing; 202 with counts,"
                + " 4xx naming the field, 503 with Retry-After when the server is too busy to take it now",
                this::ingest).withResponses(ApiResponse.json(202, "taken: how many signals were accepted, how many were duplicates"),
                ApiResponse.error(503, "too busy to take the batch now: send it again after Retry-After seconds")));
    }

    private void ingest(Context ctx) throws IOException {
        long declared = ctx.contentLength();
        if (declared > maxBytes) {
            throw tooLarge(declared);
        }
        IngestResult result = ingest.accept(body(ctx.bodyInputStream(), declared));
        ctx.status(202).json(result);
    }

    private byte[] body(InputStream in, long declared) throws IOException {
        if (declared >= 0) {
            // The usual case: the length is declared, so the body is read once into an array of its size.
            byte[] body = in.readNBytes((int) declared);
            if (in.read() != -1) {
                throw tooLarge(declared + 1);
            }
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > maxBytes) {
                throw tooLarge(out.size() + (long) read);
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private IngestRejectedException tooLarge(long size) {
        return new IngestRejectedException(413, "$", "body of " + size + " bytes or more exceeds the limit of "
                + maxBytes + " bytes; send smaller batches");
    }
}
