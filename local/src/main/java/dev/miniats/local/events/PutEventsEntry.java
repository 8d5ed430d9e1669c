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

    /** The UTF-8 length of {@code s}, counted without encoding it (every entry is measured). */
    static int utf8(String s) {
        if (s == null) {
            return 0;
        }
        int bytes = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // a pair: 4 bytes for its 2 chars
                    i++;
                } // else an unpaired surrogate, which UTF-8 encoding replaces with the 1-byte '?'
            }
        }
        return bytes;
    }
}
