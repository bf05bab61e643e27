package io.homeostat.server.api;

/**
 * The body of an operator action: why it is taken, in words (required, at most 500 characters).
 */
record ActionRequest(String reason) {

    /** The reason, checked. */
    String checkedReason() {
        return why("reason", reason);
    }

    /**
     * {@code text}, stripped, as the why of an operator action given in the body field {@code field}.
     *
     * @throws BadRequestException naming {@code field} if {@code text} is missing, blank or over 500 characters
     */
    static String why(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException(field, "missing: say why, e.g. {\"" + field + "\":\"upstream fixed\"}");
        }
        if (text.length() > 500) {
            throw new BadRequestException(field, "at most 500 characters");
        }
        return text.strip();
    }
}
