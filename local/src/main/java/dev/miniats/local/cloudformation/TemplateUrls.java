package dev.miniats.local.cloudformation;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.s3.S3;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a TemplateURL from the local S3. Accepted are the URLs the AWS CLI and SDKs make for an
 * object (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-bucket-intro.html):
 * path style on the runtime's endpoint ({@code http://localhost:4566/bucket/key}) or on S3's
 * ({@code https://s3.us-east-1.amazonaws.com/bucket/key}), and virtual-host style
 * ({@code http://bucket.localhost:4566/key}, {@code https://bucket.s3.amazonaws.com/key}); all
 * name a bucket of the local S3. Thread-safe.
 */
final class TemplateUrls {
    /** CloudFormation's limit for a template in S3 (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
    static final int MAX_TEMPLATE_BYTES = 1_048_576;
    private static final Pattern AWS_PATH_STYLE = Pattern.compile("s3([.-][a-z0-9-]+)?\\.amazonaws\\.com");
    private static final Pattern AWS_VIRTUAL_HOST = Pattern.compile("(.+)\\.s3([.-][a-z0-9-]+)?\\.amazonaws\\.com");
    private static final Pattern LOCAL_VIRTUAL_HOST = Pattern.compile("(.+)\\.localhost");

    private final S3 s3;

    TemplateUrls(S3 s3) {
        this.s3 = s3;
    }

    /** The template at {@code url}; a ValidationError naming the URL when it is not one of the forms above or not in S3. */
    String read(String url) {
        String[] location = location(url);
        byte[] body;
        try {
            body = s3.object(location[0], location[1]);
        } catch (AwsException e) {
            throw CfnException.invalid("S3 error: " + e.getMessage() + " (TemplateURL " + url + ": bucket " + location[0]
                    + ", key " + location[1] + " in the local S3)");
        }
        if (body.length > MAX_TEMPLATE_BYTES) {
            throw CfnException.invalid("Template may not exceed " + MAX_TEMPLATE_BYTES + " bytes in size (TemplateURL " + url
                    + " is " + body.length + " bytes)");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** {bucket, key} of an object URL. */
    static String[] location(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw unsupported(url);
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || host.isEmpty()) {
            throw unsupported(url);
        }
        Matcher virtual = AWS_VIRTUAL_HOST.matcher(host);
        Matcher local = LOCAL_VIRTUAL_HOST.matcher(host);
        if (virtual.matches() || local.matches()) {
            String bucket = virtual.matches() ? virtual.group(1) : local.group(1);
            return objectIn(bucket, path.isEmpty() ? "" : path.substring(1), url);
        }
        boolean pathStyle = AWS_PATH_STYLE.matcher(host).matches() || host.equals("localhost") || host.equals("127.0.0.1")
                || host.equals("[::1]") || host.equals("::1") || host.equals("0.0.0.0");
        int slash = path.indexOf('/', 1);
        if (!pathStyle || slash < 0) {
            throw unsupported(url);
        }
        return objectIn(path.substring(1, slash), path.substring(slash + 1), url);
    }

    private static String[] objectIn(String bucket, String rawKey, String url) {
        String key = URLDecoder.decode(rawKey.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (bucket.isEmpty() || key.isEmpty()) {
            throw unsupported(url);
        }
        return new String[] {bucket, key};
    }

    private static CfnException unsupported(String url) {
        return CfnException.invalid("TemplateURL must be a supported URL: " + url + " is not an S3 object URL (expected"
                + " http://localhost:<port>/<bucket>/<key>, http://<bucket>.localhost:<port>/<key> or https://<bucket>.s3.amazonaws.com/<key>)");
    }
}
