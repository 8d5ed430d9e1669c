package dev.miniats.local.cloudformation;

/** One line of a stack's story, as DescribeStackEvents shows it. Immutable. */
record StackEvent(String eventId, String stackId, String stackName, String logicalResourceId, String physicalResourceId,
                  String resourceType, String resourceStatus, String resourceStatusReason, long timestamp) {
}
