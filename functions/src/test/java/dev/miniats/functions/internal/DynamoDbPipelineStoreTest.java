package dev.miniats.functions.internal;

import dev.miniats.core.pipeline.PipelineStore;
import dev.miniats.core.pipeline.PipelineStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** DynamoDbPipelineStore against a real DynamoDB-compatible server (dynalite), held to the port's contract. */
class DynamoDbPipelineStoreTest extends PipelineStoreContract {
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
    protected PipelineStore newStore() {
        return new DynamoDbPipelineStore(dynalite.client(), dynalite.createTable("candidateId", "eventId"));
    }
}
