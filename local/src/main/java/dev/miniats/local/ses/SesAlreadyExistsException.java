package dev.miniats.local.ses;

/** Thrown when creating an identity or template whose name is taken (SES {@code AlreadyExists[Exception]}). */
final class SesAlreadyExistsException extends SesException {
    public SesAlreadyExistsException(String message) {
        super(400, "AlreadyExists", "AlreadyExistsException", message);
    }
}
