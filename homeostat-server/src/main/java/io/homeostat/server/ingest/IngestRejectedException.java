package io.homeostat.server.ingest;

/**
 * An ingest batch was refused as a whole; nothing of it was published.
 */
public final class IngestRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    /**
     * @param status the HTTP status to answer with (400, 413, 422)
     * @param field the JSON path of the offending field, e.g. {@code signals[2].value}, or
     *     {@code $} for the whole body
     * @param problem what is wrong, in words
     */
    public IngestRejectedException(int status, String field, String problem) {
        super(field + ": " + problem);
        this.status = status;
        this.field = field;
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
