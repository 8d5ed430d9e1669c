package dev.miniats.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.miniats.local.aws.Arns;
import dev.miniats.local.events.Archives;
import dev.miniats.local.events.EventBus;

import java.util.Map;

/**
 * AWS::Events::Archive, made in the runtime's {@link Archives}, so {@code aws events
 * list-archives} shows it and {@code start-replay} replays it
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-archive.html).
 * Thread-safe, as Archives.
 */
final class ArchiveProvider implements ResourceProvider {
    private final Archives archives;
    private final Arns arns;

    ArchiveProvider(Archives archives, Arns arns) {
        this.archives = archives;
        this.arns = arns;
    }

    @Override
    public Made create(Naming naming, JsonNode p) {
        String name = p.path("ArchiveName").asText(naming.name(48));
        if (!p.hasNonNull("SourceArn")) {
            throw CfnException.invalid("Properties validation failed for resource " + naming.logicalId()
                    + " with message: #: required key [SourceArn] not found");
        }
        JsonNode pattern = p.get("EventPattern");
        archives.create(name, EventBus.busName(p.get("SourceArn").asText()), p.path("Description").asText(null),
                pattern == null ? null : pattern.isTextual() ? pattern.asText() : pattern.toString(), p.path("RetentionDays").asInt(0));
        return new Made(name, Map.of("Arn", arns.of("events", "archive/" + name)));
    }

    @Override
    public void delete(String name, JsonNode properties) {
        if (archives.list().stream().anyMatch(a -> a.name().equals(name))) {
            archives.delete(name);
        }
    }
}
