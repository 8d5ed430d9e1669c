package dev.miniats.core.pipeline;

class InMemoryPipelineStoreTest extends PipelineStoreContract {
    @Override
    protected PipelineStore newStore() {
        return new InMemoryPipelineStore();
    }
}
