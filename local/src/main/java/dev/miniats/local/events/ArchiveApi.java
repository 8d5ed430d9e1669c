package dev.miniats.local.events;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.JsonRouter;
import software.amazon.awssdk.arns.Arn;

import java.util.List;

/**
 * CreateArchive, ListArchives, DescribeArchive, StartReplay and DescribeReplay over JSON 1.1
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_CreateArchive.html).
 * Timestamps are epoch seconds, as JSON 1.1 encodes them. Thread-safe.
 */
final class ArchiveApi {
    /** Every local archive is ENABLED: it is a view over the event log, never being created or updated. */
    private static final String ENABLED = "ENABLED";

    private final Archives archives;
    private final EventBus bus;

    ArchiveApi(Archives archives, EventBus bus) {
        this.archives = archives;
        this.bus = bus;
    }

    void registerOn(JsonRouter router) {
        router.on("CreateArchive", CreateArchiveRequest.class, this::createArchive)
                .on("ListArchives", ListArchivesRequest.class, this::listArchives)
                .on("DescribeArchive", ArchiveRequest.class, (r, call) -> view(archives.describe(r.archiveName())))
                .on("DeleteArchive", ArchiveRequest.class, (r, call) -> {
                    archives.delete(r.archiveName());
                    return (Void) null;
                })
                .on("StartReplay", StartReplayRequest.class, this::startReplay)
                .on("DescribeReplay", ReplayRequest.class, (r, call) -> view(archives.describeReplay(r.replayName())));
    }

    record CreateArchiveRequest(String archiveName, String eventSourceArn, String description, String eventPattern,
                                Integer retentionDays) {
        CreateArchiveRequest {
            Fields.required(archiveName, "ArchiveName");
            Fields.required(eventSourceArn, "EventSourceArn");
        }
    }

    record CreateArchiveAnswer(String archiveArn, String state, double creationTime) {
    }

    record ArchiveRequest(String archiveName) {
        ArchiveRequest {
            Fields.required(archiveName, "ArchiveName");
        }
    }

    record ListArchivesRequest(String namePrefix, String eventSourceArn, String state, String nextToken, Integer limit) {
    }

    record ListArchivesAnswer(List<ArchiveView> archives, String nextToken) {
    }

    /** EventBridge's archive: DescribeArchive answers every member, ListArchives leaves out ArchiveArn, Description and EventPattern. */
    record ArchiveView(String archiveArn, String archiveName, String eventSourceArn, String description, String eventPattern,
                       String state, int retentionDays, long sizeBytes, long eventCount, double creationTime) {
        ArchiveView summary() {
            return new ArchiveView(null, archiveName, eventSourceArn, null, null, state, retentionDays, sizeBytes, eventCount,
                    creationTime);
        }
    }

    record ReplayDestination(String arn, List<String> filterArns) {
    }

    record StartReplayRequest(String replayName, String eventSourceArn, Double eventStartTime, Double eventEndTime,
                              ReplayDestination destination) {
        StartReplayRequest {
            Fields.required(replayName, "ReplayName");
            Fields.required(eventSourceArn, "EventSourceArn");
        }
    }

    record StartReplayAnswer(String replayArn, String state, double replayStartTime) {
    }

    record ReplayRequest(String replayName) {
        ReplayRequest {
            Fields.required(replayName, "ReplayName");
        }
    }

    record ReplayView(String replayName, String replayArn, String state, String stateReason, String eventSourceArn,
                      ReplayDestination destination, double eventStartTime, double eventEndTime, Double eventLastReplayedTime,
                      double replayStartTime, Double replayEndTime) {
    }

    private CreateArchiveAnswer createArchive(CreateArchiveRequest request, AwsRequest call) {
        Archives.Archive archive = archives.create(request.archiveName(), EventBus.busName(request.eventSourceArn()),
                request.description(), request.eventPattern(), request.retentionDays() == null ? 0 : request.retentionDays());
        return new CreateArchiveAnswer(archiveArn(archive.name()), ENABLED, seconds(archive.createdAt()));
    }

    private ListArchivesAnswer listArchives(ListArchivesRequest request, AwsRequest call) {
        String prefix = request.namePrefix();
        String source = request.eventSourceArn() == null ? null : EventBus.busName(request.eventSourceArn());
        List<Archives.Archive> matching = archives.list().stream()
                .filter(a -> (prefix == null || a.name().startsWith(prefix)) && (source == null || source.equals(a.bus())))
                .filter(a -> request.state() == null || ENABLED.equals(request.state()))
                .toList();
        Page<Archives.Archive> page = Page.of(matching, Archives.Archive::name, request.limit(), request.nextToken());
        return new ListArchivesAnswer(page.items().stream().map(a -> view(a).summary()).toList(), page.nextToken());
    }

    private ArchiveView view(Archives.Archive a) {
        return new ArchiveView(archiveArn(a.name()), a.name(), bus.busArn(a.bus()), a.description(), a.eventPattern(), ENABLED,
                a.retentionDays(), a.sizeBytes(), a.eventCount(), seconds(a.createdAt()));
    }

    private StartReplayAnswer startReplay(StartReplayRequest request, AwsRequest call) {
        Arn source = Arns.parse(request.eventSourceArn());
        if (source == null || !source.resourceAsString().startsWith("archive/")) {
            throw new BusException.Validation("Parameter EventSourceArn is not valid: expected an archive ARN, got "
                    + request.eventSourceArn());
        }
        String archive = source.resourceAsString().substring("archive/".length());
        ReplayDestination destination = request.destination();
        if (destination == null || destination.arn() == null) {
            throw new BusException.Validation("Parameter Destination.Arn is required.");
        }
        List<String> rules = destination.filterArns() == null ? null : destination.filterArns().stream().map(ArchiveApi::ruleName).toList();
        Archives.Replay replay = archives.startReplay(request.replayName(), archive, millis(request.eventStartTime(), "EventStartTime"),
                millis(request.eventEndTime(), "EventEndTime"), EventBus.busName(destination.arn()), rules);
        return new StartReplayAnswer(replayArn(replay.name()), replay.state(), seconds(replay.startedAt()));
    }

    private ReplayView view(Archives.Replay r) {
        List<String> filter = r.filterRules() == null ? null
                : r.filterRules().stream().map(rule -> bus.requireRule(r.destinationBus(), rule).arn(bus.region(), bus.account())).toList();
        return new ReplayView(r.name(), replayArn(r.name()), r.state(), r.stateReason(), archiveArn(r.archive()),
                new ReplayDestination(bus.busArn(r.destinationBus()), filter), seconds(r.eventStart()), seconds(r.eventEnd()),
                r.lastReplayed() == null ? null : seconds(r.lastReplayed()), seconds(r.startedAt()),
                r.endedAt() == null ? null : seconds(r.endedAt()));
    }

    /** The rule name a rule ARN ends with ({@code rule/<name>} or {@code rule/<bus>/<name>}). */
    private static String ruleName(String ruleArn) {
        String arn = ruleArn == null ? "" : ruleArn;
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    private String archiveArn(String archive) {
        return bus.arns().of("events", "archive/" + archive);
    }

    private String replayArn(String replay) {
        return bus.arns().of("events", "replay/" + replay);
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }

    private static long millis(Double epochSeconds, String field) {
        if (epochSeconds == null) {
            throw new BusException.Validation("Parameter " + field + " is required (epoch seconds).");
        }
        return Math.round(epochSeconds * 1000);
    }
}
