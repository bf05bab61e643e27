package io.homeostat.server.ingest;

/**
 * An ingest batch was refused as a whole; nothing of it was published. A 4xx refusal is for good
 * (the batch is wrong); a {@linkplain #busy busy} one (503) is for now, and the same batch may be
 * sent again.
 */
public final class IngestRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    /**
     * @param status the HTTP status to answer with (400, 413, 422, 503)
     * @param field the JSON path of the offending field, e.g. {@code signals[2].value}, or
     *     {@code $} for the whole body
     * @param problem what is wrong, in words
     */
    public IngestRejectedException(int status, String field, String problem) {
        super(field + ": " + problem);
        this.status = status;
        this.field = field;
    }

    /**
     * The refusal of a batch of {@code signals} because the server's signal queue (of
     * {@code capacity}) has no room for all of it now: 503, send it again later.
     */
    public static IngestRejectedException busy(int signals, int capacity) {
        return new IngestRejectedException(503, "$", "the server is busy: its signal queue (" + capacity
                + " signals) has no room for this batch of " + signals + " now; nothing of it was taken, send it"
                + " again later");
    }

    /** Whether the batch was refused only for now (503) and may be sent again as it is. */
    public boolean busy() {
        return status == 503;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The JSON path of the offending field, {@code $} for the whole body. */
    public String field() {
        return field;
    }
}
