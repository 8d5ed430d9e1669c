package dev.miniats.functions.internal;

import dev.miniats.core.idempotency.IdempotencyStore;
import dev.miniats.core.idempotency.IdempotencyStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DynamoDbIdempotencyStore against a real DynamoDB-compatible server (dynalite), held to the port's contract. */
class DynamoDbIdempotencyStoreTest extends IdempotencyStoreContract {
    @RegisterExtension
    static final DynaliteExtension DYNALITE = new DynaliteExtension();

    @Override
    protected IdempotencyStore newStore() {
        return new DynamoDbIdempotencyStore(DYNALITE.client(), DYNALITE.createTable("id", null));
    }
}
