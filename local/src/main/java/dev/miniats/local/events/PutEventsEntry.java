package dev.miniats.local.events;

import java.util.List;

/**
 * One entry of a PutEvents request, as received (fields may be null; the bus validates them).
 */
public record PutEventsEntry(String source, String detailType, String detail, String eventBusName,
                             String time, List<String> resources, String traceHeader) {
    public PutEventsEntry {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /**
     * The entry's size as EventBridge computes it for the 256 KB limit
     * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html): 14 bytes
     * for Time when present, plus the UTF-8 bytes of Source, DetailType, Detail and each Resource.
     */
    public int size() {
        int size = time != null ? 14 : 0;
        size += utf8(source) + utf8(detailType) + utf8(detail);
        for (String resource : resources) {
            size += utf8(resource);
        }
        return size;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
