package dev.miniats.local.ses;

/**
 * Thrown when a request parameter is invalid: a malformed or multi-line address, a message that
 * is not MIME, a body with neither text nor HTML, template data that is not a JSON object.
 * SES v1 answers {@code InvalidParameterValue}, SES v2 {@code BadRequestException}. Nothing is stored.
 */
final class InvalidSesRequestException extends SesException {
    public InvalidSesRequestException(String message) {
        super(400, "InvalidParameterValue", "BadRequestException", message);
    }
}
