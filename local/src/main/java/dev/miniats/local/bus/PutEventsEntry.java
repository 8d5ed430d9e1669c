package dev.miniats.local.bus;

import java.util.List;

/**
 * One entry of a PutEvents request, as received (fields may be null; the bus validates them).
 */
public record PutEventsEntry(String source, String detailType, String detail, String eventBusName,
                             String time, List<String> resources, String traceHeader) {
    public PutEventsEntry {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }
}
