package dev.miniats.local.sqlite;

/** Thrown when the SQLite store cannot be read or written (disk full, file locked, corrupt). Retryable. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
