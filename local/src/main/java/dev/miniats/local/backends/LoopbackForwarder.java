package dev.miniats.local.backends;

import dev.miniats.local.aws.AwsException;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Passes one request of the runtime's port on to an embedded backend on loopback and its answer
 * back, headers preserved and bodies streamed both ways (a 20 MB upload is never held in memory).
 * Thread-safe: one JDK client ({@link LoopbackHttp}) shared by all requests.
 */
public final class LoopbackForwarder {
    /** Hop-by-hop headers and those the JDK client sets itself (it refuses them). */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");
    private static final Set<String> NOT_RETURNED = Set.of(":status", "connection", "transfer-encoding", "keep-alive");

    /** Forwards {@code ctx} to {@code base} + {@code path} (already encoded) + the request's query string. */
    public void forward(Context ctx, URI base, String path) {
        String query = ctx.req().getQueryString();
        URI target = URI.create(base.toString() + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(10));
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(ctx.req().getHeaders(name))) {
                    request.header(name, value);
                }
            }
        }
        request.method(ctx.method().name(), body(ctx));
        HttpResponse<InputStream> response;
        try {
            response = LoopbackHttp.client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AwsException(503, "ServiceUnavailable", "The embedded backend at " + base + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsException(503, "ServiceUnavailable", "Interrupted while waiting for the embedded backend at " + base);
        }
        ctx.res().setStatus(response.statusCode());
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!NOT_RETURNED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                // set, then add: Jetty already wrote Date (and Content-Type); a doubled Date reaches the AWS SDK for
                // JavaScript as one invalid date, which it reads for clock skew, so every later call fails to sign
                List<String> values = header.getValue();
                for (int i = 0; i < values.size(); i++) {
                    if (i == 0) {
                        ctx.res().setHeader(header.getKey(), values.get(i));
                    } else {
                        ctx.res().addHeader(header.getKey(), values.get(i));
                    }
                }
            }
        }
        try (InputStream in = response.body()) {
            OutputStream out = ctx.res().getOutputStream();
            in.transferTo(out);
            out.flush();
        } catch (IOException e) {
            // the client went away mid-answer; nothing left to tell it
            throw new ClientGoneException(e);
        }
    }

    private static HttpRequest.BodyPublisher body(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        boolean chunked = ctx.header("Transfer-Encoding") != null;
        if (length <= 0 && !chunked) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return ctx.req().getInputStream();
            } catch (IOException e) {
                throw new ClientGoneException(e);
            }
        });
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    /** Thrown when the caller's connection fails while its request or answer is being streamed. */
    public static final class ClientGoneException extends RuntimeException {
        ClientGoneException(IOException cause) {
            super("the client connection failed: " + cause.getMessage(), cause);
        }
    }
}
