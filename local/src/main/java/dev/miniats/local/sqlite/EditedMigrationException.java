package dev.miniats.local.sqlite;

/**
 * Thrown when a database file built from its migrations in one transaction ({@link FreshSchema})
 * meets migrations up to its version that are not the ones it was built from: an applied migration
 * was edited instead of followed by a new one. Flyway's validation refuses the same for the files it
 * built. Not retryable.
 */
public final class EditedMigrationException extends RuntimeException {
    EditedMigrationException(String message) {
        super(message);
    }
}
