package dev.miniats.functions.internal;

import dev.miniats.core.pipeline.PipelineStore;
import dev.miniats.core.pipeline.PipelineStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DynamoDbPipelineStore against a real DynamoDB-compatible server (dynalite), held to the port's contract. */
class DynamoDbPipelineStoreTest extends PipelineStoreContract {
    @RegisterExtension
    static final DynaliteExtension DYNALITE = new DynaliteExtension();

    @Override
    protected PipelineStore newStore() {
        return new DynamoDbPipelineStore(DYNALITE.client(), DYNALITE.createTable("candidateId", "eventId"));
    }
}
