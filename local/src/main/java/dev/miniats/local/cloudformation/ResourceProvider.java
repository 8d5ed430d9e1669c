package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Creates, updates and deletes one resource type in the service that owns it, so what a stack
 * makes is visible through that service's own API. Implementations are thread-safe.
 */
interface ResourceProvider {
    /** What a created or updated resource answers Ref (its physical id) and Fn::GetAtt with. */
    record Made(String physicalId, Map<String, String> attributes) {
        public Made {
            java.util.Objects.requireNonNull(physicalId, "physicalId");
            attributes = Map.copyOf(attributes);
        }
    }

    /** The stack and logical id a resource is made for, to name it as CloudFormation does when the template does not. */
    record Naming(String stackName, String logicalId, String suffix, String stackId, String type) {
        /** {@code stack-Logical-SUFFIX} cut to {@code max} characters. */
        String name(int max) {
            String full = stackName + "-" + logicalId + "-" + suffix;
            return full.length() <= max ? full : full.substring(full.length() - max);
        }
    }

    Made create(Naming naming, JsonNode properties);

    /**
     * Applies new properties to the resource in place; the default answers null, meaning the
     * change needs a replacement (a new resource, then the old one deleted).
     */
    default Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
        return null;
    }

    /** Deletes the resource; one already gone is not an error. */
    void delete(String physicalId, JsonNode properties);

    /**
     * Called in the background when an operation on a template using this type begins, to start a
     * slow backend while the stack's first resources are made; the default does nothing.
     */
    default void prepare() {
    }

    /** As {@link #update(String, Map, JsonNode, JsonNode)}, for providers that need the stack (custom resources). */
    default Made update(Naming naming, String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
        return update(physicalId, attributes, before, after);
    }

    /** As {@link #delete(String, JsonNode)}, for providers that need the stack (custom resources). */
    default void delete(Naming naming, String physicalId, JsonNode properties) {
        delete(physicalId, properties);
    }

    /** A resource that exists only as its stack's record: an update keeps it, a delete has nothing to remove. */
    interface RecordOnly extends ResourceProvider {
        @Override
        default Made update(String physicalId, Map<String, String> attributes, JsonNode before, JsonNode after) {
            return new Made(physicalId, attributes);
        }

        @Override
        default void delete(String physicalId, JsonNode properties) {
            // nothing was made outside the stack's record
        }
    }
}
