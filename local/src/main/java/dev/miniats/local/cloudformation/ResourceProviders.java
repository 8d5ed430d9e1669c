package dev.miniats.local.cloudformation;

import java.util.Map;
import java.util.TreeMap;

/**
 * The resource types stacks can make, one provider per type. A type nobody registered fails its
 * stack with a reason naming the type; it is never skipped. Register before the first stack
 * operation; read-only afterwards, so thread-safe.
 */
public final class ResourceProviders {
    static final String CUSTOM_RESOURCE = "AWS::CloudFormation::CustomResource";
    private static final String CUSTOM_PREFIX = "Custom::";
    private final Map<String, ResourceProvider> byType = new TreeMap<>();

    ResourceProviders register(String type, ResourceProvider provider) {
        if (byType.putIfAbsent(type, provider) != null) {
            throw new IllegalStateException(type + " registered twice");
        }
        return this;
    }

    /** The provider of a type; thrown {@link UnsupportedTypeException} names the type when there is none. */
    ResourceProvider require(String type) {
        ResourceProvider p = byType.get(type);
        if (p == null && type.startsWith(CUSTOM_PREFIX) && type.length() > CUSTOM_PREFIX.length()) {
            p = byType.get(CUSTOM_RESOURCE); // Custom::Anything is a custom resource named by the template
        }
        if (p == null) {
            throw new UnsupportedTypeException(type, byType.keySet());
        }
        return p;
    }

    /** Thrown when a template uses a resource type the local runtime cannot make. */
    static final class UnsupportedTypeException extends RuntimeException {
        UnsupportedTypeException(String type, java.util.Collection<String> supported) {
            super("Resource type " + type + " is not supported by the local runtime; supported types: " + String.join(", ", supported));
        }
    }
}
