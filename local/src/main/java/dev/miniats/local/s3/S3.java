package dev.miniats.local.s3;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.AwsRequest;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.backends.BackendUnavailableException;
import dev.miniats.local.backends.Claims;
import dev.miniats.local.backends.LazyBackend;
import dev.miniats.local.backends.LoopbackForwarder;
import dev.miniats.local.backends.LoopbackHttp;
import io.javalin.http.Context;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 on the runtime's endpoint, answered by s3proxy in this JVM (started on the first S3
 * request): requests signed for {@code s3}, pre-signed URLs ({@code X-Amz-Credential} of scope
 * {@code s3}) and virtual-host-style requests ({@code bucket.localhost:port}, rewritten to path
 * style) are forwarded with their headers and streamed bodies. The methods below are the
 * in-process face for CloudFormation ({@code AWS::S3::Bucket}, templates and code in S3).
 * Thread-safe.
 */
public final class S3 implements AwsService, AutoCloseable {
    private static final String VIRTUAL_HOST_SUFFIX = ".localhost";
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private final LazyBackend<S3ProxyServer> s3proxy;
    private final LoopbackForwarder forwarder = new LoopbackForwarder();

    /** Buckets are directories under {@code dataDir}. */
    public S3(Path dataDir) {
        this.s3proxy = new LazyBackend<>("S3 (s3proxy)", () -> S3ProxyServer.start(dataDir));
    }

    @Override
    public void register(AwsRoutes routes) {
        Claims.register(routes, S3::claims, ctx -> forwarder.forward(ctx, endpoint(), pathStyle(ctx)));
    }

    private static boolean claims(Context ctx) {
        String credential = ctx.queryParam("X-Amz-Credential");
        return "s3".equals(AwsRequest.signedService(ctx))
                || credential != null && credential.contains("/s3/")
                || virtualHostBucket(ctx) != null;
    }

    /** The bucket of a {@code bucket.localhost[:port]} Host header, else null. */
    private static String virtualHostBucket(Context ctx) {
        String host = ctx.header("Host");
        if (host == null) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
        return name.endsWith(VIRTUAL_HOST_SUFFIX) && name.length() > VIRTUAL_HOST_SUFFIX.length()
                ? name.substring(0, name.length() - VIRTUAL_HOST_SUFFIX.length()) : null;
    }

    private static String pathStyle(Context ctx) {
        String bucket = virtualHostBucket(ctx);
        String path = ctx.req().getRequestURI();
        return bucket == null ? path : "/" + bucket + path;
    }

    private URI endpoint() {
        return s3proxy.get().endpoint();
    }

    public void createBucket(String bucket) {
        send("PUT", bucket, null, HttpRequest.BodyPublishers.noBody());
    }

    /** Deletes the bucket; as on AWS, a bucket that still holds objects is refused (BucketNotEmpty). */
    public void deleteBucket(String bucket) {
        send("DELETE", bucket, null, HttpRequest.BodyPublishers.noBody());
    }

    /** Answers when the bucket exists; NoSuchBucket as an {@link AwsException} otherwise (HEAD answers carry no error body). */
    public void requireBucket(String bucket) {
        try {
            send("HEAD", bucket, null, HttpRequest.BodyPublishers.noBody());
        } catch (AwsException e) {
            throw e.status() == 404 ? new AwsException(404, "NoSuchBucket", "The specified bucket does not exist: " + bucket) : e;
        }
    }

    /** The object's bytes; NoSuchBucket or NoSuchKey as an {@link AwsException} when absent. */
    public byte[] object(String bucket, String key) {
        return send("GET", bucket, key, HttpRequest.BodyPublishers.noBody());
    }

    public void putObject(String bucket, String key, byte[] content) {
        send("PUT", bucket, key, HttpRequest.BodyPublishers.ofByteArray(content));
    }

    private byte[] send(String method, String bucket, String key, HttpRequest.BodyPublisher body) {
        String path = "/" + encode(bucket) + (key == null ? "" : "/" + encode(key).replace("%2F", "/"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + path)).method(method, body).build();
        try {
            HttpResponse<byte[]> response = LoopbackHttp.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                String xml = new String(response.body(), StandardCharsets.UTF_8);
                throw new AwsException(response.statusCode(), first(ERROR_CODE, xml, "InternalError"),
                        first(ERROR_MESSAGE, xml, method + " " + path + " failed with status " + response.statusCode()));
            }
            return response.body();
        } catch (IOException e) {
            throw new BackendUnavailableException("S3 (s3proxy) did not answer " + method + " " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted during S3 " + method + " " + path);
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String first(Pattern pattern, String text, String otherwise) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : otherwise;
    }

    @Override
    public void close() throws Exception {
        s3proxy.close();
    }
}
