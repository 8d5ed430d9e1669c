package dev.miniats.core;

/**
 * Marks an exception whose cause retrying cannot fix (bad input, a rejected address, a missing
 * template). The bus skips the retry schedule for these and dead-letters the event at once;
 * every other failure is retried under the target's retry policy.
 */
public interface PermanentFailure {
}
