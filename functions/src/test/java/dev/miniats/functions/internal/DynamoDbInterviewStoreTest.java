package dev.miniats.functions.internal;

import dev.miniats.core.calendar.InterviewStore;
import dev.miniats.core.calendar.InterviewStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** DynamoDbInterviewStore against a real DynamoDB-compatible server (dynalite), held to the port's contract. */
class DynamoDbInterviewStoreTest extends InterviewStoreContract {
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
    protected InterviewStore newStore() {
        return new DynamoDbInterviewStore(dynalite.client(), dynalite.createTable("id", null));
    }
}
