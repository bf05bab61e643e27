package io.homeostat.engine.codec;

/**
 * A JSON document is not a valid signal: malformed JSON, a missing or unknown field, a value of
 * the wrong type, a number that is not finite, an unknown kind or enum value.
 */
public final class SignalDecodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the path of the offending field, e.g. {@code window.calls}; {@code $} for the
     *     document as a whole
     * @param problem what is wrong with it
     */
    public SignalDecodingException(String field, String problem) {
        super("field '" + field + "': " + problem);
        this.field = field;
    }

    /** The path of the offending field, e.g. {@code value} or {@code tags.region}; {@code $} for the whole document. */
    public String field() {
        return field;
    }
}
