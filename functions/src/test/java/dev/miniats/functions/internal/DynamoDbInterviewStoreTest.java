package dev.miniats.functions.internal;

import dev.miniats.core.calendar.InterviewStore;
import dev.miniats.core.calendar.InterviewStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DynamoDbInterviewStore against a real DynamoDB-compatible server (dynalite), held to the port's contract. */
class DynamoDbInterviewStoreTest extends InterviewStoreContract {
    @RegisterExtension
    static final DynaliteExtension DYNALITE = new DynaliteExtension();

    @Override
    protected InterviewStore newStore() {
        return new DynamoDbInterviewStore(DYNALITE.client(), DYNALITE.createTable("id", null));
    }
}
