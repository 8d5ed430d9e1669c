package dev.miniats.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads one HTTP/1.1 response with a Content-Length body from a keep-alive connection. */
final class Response {
    private Response() {
    }

    /** True for a 200 whose PutEvents answer reports no failed entry. */
    static boolean readOk(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the runtime closed the connection mid-response");
            }
            head.append((char) b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        String headers = head.toString();
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = in.readNBytes(length);
        return headers.startsWith("HTTP/1.1 200") && new String(body, StandardCharsets.UTF_8).contains("\"FailedEntryCount\":0");
    }
}
