package dev.miniats.local.cloudformation;

import java.util.List;
import java.util.Map;

/**
 * A change set: a template and parameters waiting to be executed on a stack, with the resource
 * changes it would make (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets.html).
 * Immutable.
 */
record ChangeSet(String changeSetId, String changeSetName, String stackId, String stackName, String changeSetType, String status,
                 String executionStatus, String statusReason, String description, String templateBody, Map<String, String> parameters,
                 List<String> capabilities, List<Change> changes, long createdAt) {
    ChangeSet {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** One resource change: Add, Modify or Remove. */
    record Change(String action, String logicalResourceId, String physicalResourceId, String resourceType, String replacement) {
    }

    ChangeSet withExecution(String newExecutionStatus) {
        return new ChangeSet(changeSetId, changeSetName, stackId, stackName, changeSetType, status, newExecutionStatus, statusReason,
                description, templateBody, parameters, capabilities, changes, createdAt);
    }
}
