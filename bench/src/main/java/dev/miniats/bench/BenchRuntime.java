package dev.miniats.bench;

import dev.miniats.local.LocalRuntime;
import dev.miniats.local.RuntimeConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * A local runtime in this JVM on free ports (tracing on, as {@code ats up} runs; the system
 * property {@code ats.bench.noTracing=true} turns it off to measure its cost), with a rule on
 * the default bus sending {@code source=bench} to a function.
 */
final class BenchRuntime {
    private BenchRuntime() {
    }

    static LocalRuntime start(String targetFunction) {
        try {
            LocalRuntime runtime = LocalRuntime.start(RuntimeConfig.builder().dataDir(Files.createTempDirectory("ats-bench"))
                    .ephemeralPorts().functionConcurrency(64)
                    .tracing(!Boolean.getBoolean("ats.bench.noTracing")).build());
            try (EventBridgeClient client = client(runtime)) {
                client.putRule(r -> r.name("bench").eventPattern("{\"source\":[\"bench\"]}"));
                client.putTargets(r -> r.rule("bench").targets(Target.builder().id("t")
                        .arn("arn:aws:lambda:us-east-1:000000000000:function:" + targetFunction).build()));
            }
            return runtime;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EventBridgeClient client(LocalRuntime runtime) {
        return EventBridgeClient.builder().endpointOverride(runtime.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(Apache5HttpClient.create()).build();
    }
}
