package dev.miniats.bench;

import dev.miniats.local.LocalRuntime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

import java.util.Collections;
import java.util.concurrent.TimeUnit;

/**
 * Durable PutEvents throughput over HTTP with the AWS SDK for Java v2 as client: each event is
 * committed to SQLite (with its delivery to the no-op function) before the answer. Scores are
 * events per second ({@code @OperationsPerInvocation(10)} for batches). Client and runtime share
 * this JVM and the machine's cores, as they do on a laptop.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@Threads(8)
public class PutEventsBenchmark {

    @State(Scope.Benchmark)
    public static class Runtime {
        LocalRuntime runtime;

        @Setup(Level.Trial)
        public void start() {
            runtime = BenchRuntime.start("ats-noop");
        }

        @TearDown(Level.Trial)
        public void stop() {
            runtime.close();
        }
    }

    @State(Scope.Thread)
    public static class Client {
        EventBridgeClient client;
        PutEventsRequest batch;
        PutEventsRequest single;

        @Setup(Level.Trial)
        public void connect(Runtime runtime) {
            client = BenchRuntime.client(runtime.runtime);
            PutEventsRequestEntry entry = PutEventsRequestEntry.builder().source("bench").detailType("send-assessment")
                    .detail("{\"toEmail\":\"ada@example.com\",\"companyName\":\"Acme\",\"candidateId\":\"c-1\"}").build();
            batch = PutEventsRequest.builder().entries(Collections.nCopies(10, entry)).build();
            single = PutEventsRequest.builder().entries(entry).build();
        }

        @TearDown(Level.Trial)
        public void close() {
            client.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public PutEventsResponse batchesOfTen(Client client) {
        return check(client.client.putEvents(client.batch));
    }

    @Benchmark
    public PutEventsResponse singleEntries(Client client) {
        return check(client.client.putEvents(client.single));
    }

    private static PutEventsResponse check(PutEventsResponse response) {
        if (response.failedEntryCount() != 0) {
            throw new IllegalStateException("PutEvents failed entries: " + response.entries());
        }
        return response;
    }
}
