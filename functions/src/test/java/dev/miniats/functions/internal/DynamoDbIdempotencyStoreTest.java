package dev.miniats.functions.internal;

import dev.miniats.core.idempotency.IdempotencyStore;
import dev.miniats.core.idempotency.IdempotencyStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** DynamoDbIdempotencyStore against a real DynamoDB-compatible server (dynalite), held to the port's contract. */
class DynamoDbIdempotencyStoreTest extends IdempotencyStoreContract {
    private static Dynalite dynalite;

    @BeforeAll
    static void startDynalite() {
        dynalite = Dynalite.start();
    }

    @AfterAll
    static void stopDynalite() {
        dynalite.close();
    }

    @Override
    protected IdempotencyStore newStore() {
        return new DynamoDbIdempotencyStore(dynalite.client(), dynalite.createTable("id", null));
    }
}
