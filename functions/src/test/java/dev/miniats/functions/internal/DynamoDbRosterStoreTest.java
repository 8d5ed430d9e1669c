package dev.miniats.functions.internal;

import dev.miniats.core.roster.RosterStore;
import dev.miniats.core.roster.RosterStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DynamoDbRosterStore against a real DynamoDB-compatible server (dynalite), held to the port's contract. */
class DynamoDbRosterStoreTest extends RosterStoreContract {
    @RegisterExtension
    static final DynaliteExtension DYNALITE = new DynaliteExtension();

    @Override
    protected RosterStore newStore() {
        return new DynamoDbRosterStore(DYNALITE.client(), DYNALITE.createTable("rosterId", "candidateId"));
    }
}
