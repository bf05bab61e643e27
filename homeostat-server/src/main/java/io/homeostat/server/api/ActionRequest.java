package io.homeostat.server.api;

/**
 * The body of an operator action: why it is taken, in words (required, at most 500 characters).
 */
record ActionRequest(String reason) {

    /** The reason, checked. */
    String checkedReason() {
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason", "missing: say why, e.g. {\"reason\":\"upstream fixed\"}");
        }
        if (reason.length() > 500) {
            throw new BadRequestException("reason", "at most 500 characters");
        }
        return reason.strip();
    }
}
