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

    /**
     * A step's result, and whether it made a new resource (which a rollback deletes). A replacement
     * is a new resource too; its {@code old} one stays until the operation succeeds (CloudFormation's
     * cleanup phase) so that a rollback can go back to it.
     */
    record Outcome(ResourceProvider.Made result, boolean created) {
    }

    /** Updates the resource in place, or makes it (a new one, or a replacement of {@code old}). */
    Outcome run() {
        ResourceProvider.Made result = old == null || !old.type().equals(type) ? null
                : provider.update(naming, old.physicalId(), old.attributes(), old.properties(), properties);
        if (result != null) {
            return new Outcome(result, false);
        }
        return new Outcome(provider.create(naming, properties), true);
    }

    /** Whether this step changed {@code old} in place (a rollback puts its old properties back). */
    boolean inPlace(Outcome outcome) {
        return old != null && !outcome.created();
    }

    /** Whether this step made a replacement for {@code old} (deleted once the operation succeeds). */
    boolean replaced(Outcome outcome) {
        return old != null && outcome.created();
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
