package dev.miniats.local.events;

import dev.miniats.local.aws.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.local.events.Archives;
import dev.miniats.local.events.BusException;
import dev.miniats.local.events.EventBus;

import java.util.ArrayList;
import java.util.List;

/**
 * CreateArchive, ListArchives, DescribeArchive, StartReplay and DescribeReplay over JSON 1.1.
 * Timestamps are epoch seconds, as JSON 1.1 encodes them. Thread-safe.
 */
public final class ArchiveApi {
    private final Archives archives;
    private final EventBus bus;

    public ArchiveApi(Archives archives, EventBus bus) {
        this.archives = archives;
        this.bus = bus;
    }

    public void registerOn(EventBridgeApi api) {
        api.register("CreateArchive", this::createArchive);
        api.register("ListArchives", this::listArchives);
        api.register("DescribeArchive", r -> archiveJson(archives.describe(required(r, "ArchiveName"))));
        api.register("StartReplay", this::startReplay);
        api.register("DescribeReplay", r -> replayJson(archives.describeReplay(required(r, "ReplayName"))));
    }

    private Object createArchive(JsonNode request) {
        String name = required(request, "ArchiveName");
        String source = required(request, "EventSourceArn");
        Archives.Archive archive = archives.create(name, EventBus.busName(source), Json.text(request, "Description"),
                Json.text(request, "EventPattern"), request.path("RetentionDays").asInt(0));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("ArchiveArn", arn(archive.name()));
        answer.put("State", "ENABLED");
        answer.put("CreationTime", archive.createdAt() / 1000.0);
        return answer;
    }

    private Object listArchives(JsonNode request) {
        String prefix = Json.text(request, "NamePrefix");
        String source = Json.text(request, "EventSourceArn");
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (Archives.Archive a : archives.list()) {
            if ((prefix == null || a.name().startsWith(prefix)) && (source == null || EventBus.busName(source).equals(a.bus()))) {
                ObjectNode node = archiveJson(a);
                node.remove("ArchiveArn");
                node.remove("Description");
                node.remove("EventPattern");
                out.add(node);
            }
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.set("Archives", out);
        return answer;
    }

    private ObjectNode archiveJson(Archives.Archive a) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("ArchiveArn", arn(a.name()));
        node.put("ArchiveName", a.name());
        node.put("EventSourceArn", bus.busArn(a.bus()));
        if (a.description() != null) {
            node.put("Description", a.description());
        }
        if (a.eventPattern() != null) {
            node.put("EventPattern", a.eventPattern());
        }
        node.put("State", "ENABLED");
        node.put("RetentionDays", a.retentionDays());
        node.put("SizeBytes", a.sizeBytes());
        node.put("EventCount", a.eventCount());
        node.put("CreationTime", a.createdAt() / 1000.0);
        return node;
    }

    private Object startReplay(JsonNode request) {
        String name = required(request, "ReplayName");
        String source = required(request, "EventSourceArn");
        int slash = source.lastIndexOf(":archive/");
        if (!source.startsWith("arn:") || slash < 0) {
            throw new BusException.Validation("Parameter EventSourceArn is not valid: expected an archive ARN, got " + source);
        }
        String archive = source.substring(slash + ":archive/".length());
        JsonNode destination = request.path("Destination");
        String destinationArn = Json.text(destination, "Arn");
        if (destinationArn == null) {
            throw new BusException.Validation("Parameter Destination.Arn is required.");
        }
        List<String> rules = null;
        if (destination.has("FilterArns")) {
            rules = new ArrayList<>();
            for (JsonNode ruleArn : destination.get("FilterArns")) {
                String text = ruleArn.asText();
                rules.add(text.substring(text.lastIndexOf('/') + 1));
            }
        }
        Archives.Replay replay = archives.startReplay(name, archive, millis(request, "EventStartTime"), millis(request, "EventEndTime"),
                EventBus.busName(destinationArn), rules);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("ReplayArn", replayArn(replay.name()));
        answer.put("State", replay.state());
        answer.put("ReplayStartTime", replay.startedAt() / 1000.0);
        return answer;
    }

    private ObjectNode replayJson(Archives.Replay r) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("ReplayName", r.name());
        node.put("ReplayArn", replayArn(r.name()));
        node.put("State", r.state());
        if (r.stateReason() != null) {
            node.put("StateReason", r.stateReason());
        }
        node.put("EventSourceArn", arn(r.archive()));
        ObjectNode destination = node.putObject("Destination");
        destination.put("Arn", bus.busArn(r.destinationBus()));
        if (r.filterRules() != null) {
            ArrayNode filter = destination.putArray("FilterArns");
            r.filterRules().forEach(rule -> filter.add(bus.requireRule(r.destinationBus(), rule).arn(bus.region(), bus.account())));
        }
        node.put("EventStartTime", r.eventStart() / 1000.0);
        node.put("EventEndTime", r.eventEnd() / 1000.0);
        if (r.lastReplayed() != null) {
            node.put("EventLastReplayedTime", r.lastReplayed() / 1000.0);
        }
        node.put("ReplayStartTime", r.startedAt() / 1000.0);
        if (r.endedAt() != null) {
            node.put("ReplayEndTime", r.endedAt() / 1000.0);
        }
        return node;
    }

    private String arn(String archive) {
        return "arn:aws:events:" + bus.region() + ":" + bus.account() + ":archive/" + archive;
    }

    private String replayArn(String replay) {
        return "arn:aws:events:" + bus.region() + ":" + bus.account() + ":replay/" + replay;
    }

    private static long millis(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isNumber()) {
            throw new BusException.Validation("Parameter " + field + " is required (epoch seconds).");
        }
        return Math.round(value.asDouble() * 1000);
    }

    private static String required(JsonNode request, String field) {
        String value = Json.text(request, field);
        if (value == null || value.isBlank()) {
            throw new BusException.Validation("1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }
}
