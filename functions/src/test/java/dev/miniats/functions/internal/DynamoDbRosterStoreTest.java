package dev.miniats.functions.internal;

import dev.miniats.core.roster.RosterStore;
import dev.miniats.core.roster.RosterStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** DynamoDbRosterStore against a real DynamoDB-compatible server (dynalite), held to the port's contract. */
class DynamoDbRosterStoreTest extends RosterStoreContract {
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
    protected RosterStore newStore() {
        return new DynamoDbRosterStore(dynalite.client(), dynalite.createTable("rosterId", "candidateId"));
    }
}
