package dev.miniats.local.cloudformation;

import dev.miniats.local.aws.QueryXml;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CloudFormation's answer shapes (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html)
 * written into a Query answer. Stateless.
 */
final class CfnXml {
    private CfnXml() {
    }

    static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    static <T> void members(QueryXml x, String name, List<T> items, Consumer<T> each) {
        x.start(name);
        for (T item : items) {
            x.start("member");
            each.accept(item);
            x.end();
        }
        x.end();
    }

    static void strings(QueryXml x, String name, List<String> items) {
        x.start(name);
        items.forEach(item -> x.element("member", item));
        x.end();
    }

    static void parameters(QueryXml x, Map<String, String> values, List<String> noEcho) {
        members(x, "Parameters", List.copyOf(values.entrySet()), e -> x.element("ParameterKey", e.getKey())
                .element("ParameterValue", noEcho.contains(e.getKey()) ? "****" : e.getValue()));
    }

    static void stack(QueryXml x, Stack s) {
        x.element("StackId", s.stackId()).element("StackName", s.stackName()).element("Description", s.description());
        parameters(x, s.parameters(), s.noEcho());
        x.element("CreationTime", time(s.createdAt()));
        if (s.updatedAt() != null) {
            x.element("LastUpdatedTime", time(s.updatedAt()));
        }
        if (s.deletedAt() != null) {
            x.element("DeletionTime", time(s.deletedAt()));
        }
        x.element("StackStatus", s.status()).element("StackStatusReason", s.statusReason()).element("DisableRollback", false);
        strings(x, "Capabilities", s.capabilities());
        members(x, "Outputs", s.outputs(), o -> x.element("OutputKey", o.outputKey()).element("OutputValue", o.outputValue())
                .element("Description", o.description()).element("ExportName", o.exportName()));
        x.start("Tags").end();
    }

    static void event(QueryXml x, StackEvent e) {
        x.element("StackId", e.stackId()).element("EventId", e.eventId()).element("StackName", e.stackName())
                .element("LogicalResourceId", e.logicalResourceId()).element("PhysicalResourceId", e.physicalResourceId())
                .element("ResourceType", e.resourceType()).element("Timestamp", time(e.timestamp()))
                .element("ResourceStatus", e.resourceStatus()).element("ResourceStatusReason", e.resourceStatusReason());
    }

    static void resource(QueryXml x, Stack s, Stack.Resource r, boolean detail) {
        x.element("StackName", s.stackName()).element("StackId", s.stackId()).element("LogicalResourceId", r.logicalId())
                .element("PhysicalResourceId", r.physicalId()).element("ResourceType", r.type())
                .element(detail ? "LastUpdatedTimestamp" : "Timestamp", time(r.updatedAt())).element("ResourceStatus", r.status())
                .element("ResourceStatusReason", r.reason());
    }

    static void changeSet(QueryXml x, ChangeSet c, boolean detail) {
        x.element("ChangeSetId", c.changeSetId()).element("ChangeSetName", c.changeSetName()).element("StackId", c.stackId())
                .element("StackName", c.stackName()).element("Description", c.description())
                .element("CreationTime", time(c.createdAt())).element("Status", c.status()).element("StatusReason", c.statusReason())
                .element("ExecutionStatus", c.executionStatus());
        if (detail) {
            parameters(x, c.parameters(), List.of());
            strings(x, "Capabilities", c.capabilities());
            members(x, "Changes", c.changes(), ch -> x.element("Type", "Resource").start("ResourceChange")
                    .element("Action", ch.action()).element("LogicalResourceId", ch.logicalResourceId())
                    .element("PhysicalResourceId", ch.physicalResourceId()).element("ResourceType", ch.resourceType())
                    .element("Replacement", ch.replacement()).end());
        }
    }
}
