package dev.miniats.core.idempotency;

import java.util.Objects;

/**
 * What {@link Idempotency#execute} answers.
 *
 * @param result   the effect's result (JSON), fresh or stored
 * @param replayed true when the effect had already happened and {@code result} is the stored one
 */
public record IdempotentResult(String result, boolean replayed) {
    public IdempotentResult {
        Objects.requireNonNull(result, "result");
    }
}
