package dev.miniats.local.ses;

/** Thrown when a named identity or template does not exist (SES v2 {@code NotFoundException}, HTTP 404). */
final class SesNotFoundException extends SesException {
    public SesNotFoundException(String message) {
        super(404, "NotFoundException", "NotFoundException", message);
    }
}
