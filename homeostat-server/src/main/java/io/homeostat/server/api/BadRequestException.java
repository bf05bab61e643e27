package io.homeostat.server.api;

/** A request parameter or body field is invalid; answered with 400 naming the field. */
public final class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public BadRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The offending parameter or field. */
    public String field() {
        return field;
    }
}
