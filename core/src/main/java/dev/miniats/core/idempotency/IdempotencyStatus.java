package dev.miniats.core.idempotency;

/** The state of an idempotency record. */
public enum IdempotencyStatus {
    /** An attempt holds the key until its lock expires; a concurrent duplicate must wait and retry. */
    IN_PROGRESS,
    /** The effect happened; duplicates get the stored result until the record expires. */
    COMPLETED
}
