package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One resource of a stack operation to make or update: its resolved properties and the resource
 * it changes or replaces ({@code old}, null when it is new). Steps of independent resources run
 * in parallel on the engine's makers; each touches only its own resource.
 */
record ResourceStep(String id, String type, Stack.Resource old, JsonNode properties, ResourceProvider provider,
                    ResourceProvider.Naming naming) {

    /** A step's result, and whether it made a new resource (which a rollback deletes). */
    record Outcome(ResourceProvider.Made result, boolean created) {
    }

    /** Updates the resource in place, or makes it (a replacement: then the old one is deleted). */
    Outcome run(ResourceProviders providers) {
        ResourceProvider.Made result = old == null || !old.type().equals(type) ? null
                : provider.update(naming, old.physicalId(), old.attributes(), old.properties(), properties);
        if (result != null) {
            return new Outcome(result, false);
        }
        result = provider.create(naming, properties);
        if (old != null) {
            providers.require(old.type()).delete(new ResourceProvider.Naming(naming.stackName(), id, naming.suffix(), naming.stackId(),
                    old.type()), old.physicalId(), old.properties());
        }
        return new Outcome(result, true);
    }

    /** The step's outcome; its provider's exception rethrown as it was. */
    static Outcome join(Future<Outcome> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a resource", e);
        }
    }

    /** The next step to finish. */
    static Future<Outcome> take(CompletionService<Outcome> finished) {
        try {
            return finished.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making resources", e);
        }
    }
}
