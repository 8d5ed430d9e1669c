package dev.miniats.local.aws;

import org.eclipse.jetty.io.Content;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lean PutEvents path spends reading a request before the bus sees it (issue #15): the
 * SigV4 credential scope, and the body into the operation's typed request. Each "before" is the
 * way it was read until 2026-12-04 (a regular expression searched twice per request; the body
 * decoded to a String by Jetty, then parsed), each "after" the way it is read now (the scope read
 * once by hand; the body's bytes parsed as they came). The bodies are {@code bench/wrk/put-events.lua}'s.
 * Scores are nanoseconds per request. Lives in the package to reach what the path calls.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RequestReadingBenchmark {
    /** The expression the scope was read with before. */
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
    /** An AWS SDK's header, as the CLI and SDKs send it. */
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261204/us-east-1/events/aws4_request,"
            + " SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;x-amz-target,"
            + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    /** A PutEvents request's shape, as the bus's own record reads it. */
    public record Request(List<Entry> entries) {
    }

    public record Entry(String source, String detailType, String detail, String eventBusName, String time, List<String> resources) {
    }

    @Param({"1", "10"})
    public int entries;

    private byte[] body;

    @Setup
    public void body() {
        StringBuilder b = new StringBuilder("{\"Entries\":[");
        for (int i = 1; i <= entries; i++) {
            b.append(i > 1 ? "," : "").append("{\"Source\":\"bench\",\"DetailType\":\"bench\",\"Detail\":\"{\\\"candidateId\\\":\\\"c-")
                    .append(i).append("\\\",\\\"n\\\":").append(i).append("}\"}");
        }
        body = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Object scopeBefore() {
        Matcher routed = CREDENTIAL.matcher(AUTHORIZATION); // LeanJsonPath.routerFor: the signing service
        Matcher call = CREDENTIAL.matcher(AUTHORIZATION); // AwsRequest.of: the region and key
        return routed.find() && call.find() ? routed.group(3) + call.group(2) + call.group(1) : null;
    }

    @Benchmark
    public Object scopeAfter() {
        return AwsRequest.Scope.of(AUTHORIZATION);
    }

    @Benchmark
    public Object bodyBefore() throws IOException {
        return Json.read(Content.Source.asString(Content.Source.from(ByteBuffer.wrap(body)), StandardCharsets.UTF_8), Request.class);
    }

    @Benchmark
    public Object bodyAfter() throws IOException {
        return Json.read(Json.object(Content.Source.asByteBuffer(Content.Source.from(ByteBuffer.wrap(body)))), Request.class);
    }
}
