package dev.miniats.functions.pages;

/** Thrown when an HTTP event cannot be read as a page request (bad shape, bad encoding, too large); not retryable. */
public final class PageRequestException extends RuntimeException {
    private final int status;

    public PageRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the page answers with. */
    public int status() {
        return status;
    }
}
