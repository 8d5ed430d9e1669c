package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One stack as stored: its template, parameter values, resources in creation order and outputs.
 * Immutable; each step of an operation stores a new one.
 */
record Stack(String stackId, String stackName, String status, String statusReason, String description, String templateBody,
             Map<String, String> parameters, List<String> noEcho, List<String> capabilities, List<Output> outputs,
             Map<String, Resource> resources, long createdAt, Long updatedAt, Long deletedAt) {
    Stack {
        Objects.requireNonNull(stackId, "stackId");
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(status, "status");
        parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
        noEcho = noEcho == null ? List.of() : List.copyOf(noEcho);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        resources = resources == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }

    /** An output as DescribeStacks shows it; exported under {@code exportName} when set. */
    record Output(String outputKey, String outputValue, String description, String exportName) {
    }

    /** A resource the stack made (or is making). */
    record Resource(String logicalId, String type, String physicalId, String status, String reason, JsonNode properties,
                    Map<String, String> attributes, long updatedAt) {
        Resource {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }

        Resource with(String newStatus, String newReason, long at) {
            return new Resource(logicalId, type, physicalId, newStatus, newReason, properties, attributes, at);
        }
    }

    Stack withStatus(String newStatus, String reason, long at) {
        return new Stack(stackId, stackName, newStatus, reason, description, templateBody, parameters, noEcho, capabilities, outputs,
                resources, createdAt, updatedAt, newStatus.startsWith("DELETE_COMPLETE") ? Long.valueOf(at) : deletedAt);
    }

    Stack withResource(Resource resource) {
        Map<String, Resource> next = new LinkedHashMap<>(resources);
        next.put(resource.logicalId(), resource);
        return withResources(next);
    }

    Stack withoutResource(String logicalId) {
        Map<String, Resource> next = new LinkedHashMap<>(resources);
        next.remove(logicalId);
        return withResources(next);
    }

    Stack withResources(Map<String, Resource> next) {
        return new Stack(stackId, stackName, status, statusReason, description, templateBody, parameters, noEcho, capabilities, outputs,
                next, createdAt, updatedAt, deletedAt);
    }

    Stack withOutputs(List<Output> next) {
        return new Stack(stackId, stackName, status, statusReason, description, templateBody, parameters, noEcho, capabilities, next,
                resources, createdAt, updatedAt, deletedAt);
    }

    /** The same stack about to run another template with other parameters. */
    Stack withTemplate(String body, String newDescription, Map<String, String> newParameters, List<String> newNoEcho,
                       List<String> newCapabilities, Long at) {
        return new Stack(stackId, stackName, status, statusReason, newDescription, body, newParameters, newNoEcho, newCapabilities,
                outputs, resources, createdAt, at, deletedAt);
    }

    boolean deleted() {
        return deletedAt != null;
    }

    /** Whether an operation is running on it (CloudFormation refuses another one then). */
    boolean inProgress() {
        return status.endsWith("_IN_PROGRESS") && !status.equals("REVIEW_IN_PROGRESS");
    }
}
