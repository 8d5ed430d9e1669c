package dev.miniats.local.events;

import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.events.LocalRule;
import dev.miniats.local.events.RuleStore;
import dev.miniats.local.events.Target;
import dev.miniats.local.events.delivery.Dispatcher;
import dev.miniats.local.tracing.BusTracing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.routing.RetryPolicy;
import dev.miniats.core.routing.Route;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.local.sqlite.Database;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import software.amazon.event.ruler.Machine;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Matching cost per event: what the bus does to turn an event into deliveries (event-ruler match,
 * then one delivery per target with its input, plus the match span) against raw event-ruler
 * {@code Machine.rulesForJSONEvent} on the same rules and events. Lives in the bus's package to
 * reach {@code EventBus.deliveriesFor}. Scores are microseconds per event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class MatchingBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUS = "mini-ats";

    private Database db;
    private Dispatcher dispatcher;
    private SdkTracerProvider tracerProvider;
    private EventBus traced;
    private EventBus untraced;
    private Machine raw;
    private final List<String> events = new ArrayList<>();
    private final List<ObjectNode> envelopes = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        db = Database.open(Files.createTempDirectory("ats-match"), false);
        EventLog log = new EventLog(db);
        dispatcher = new Dispatcher(log, (f, e, t, timedOut) -> new byte[0], BusTracing.disabled(), Clock.systemUTC(), 1.0, 1);
        tracerProvider = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(new Discard()).build()).build();
        traced = new EventBus(log, new RuleStore(db), dispatcher,
                new BusTracing(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build()), Clock.systemUTC(), "000000000000", "us-east-1");
        untraced = new EventBus(log, new RuleStore(db), dispatcher, BusTracing.disabled(), Clock.systemUTC(), "000000000000", "us-east-1");
        raw = new Machine();
        List<LocalRule> rules = new ArrayList<>();
        for (Route route : RoutingDeclaration.defaults().routes()) {
            rules.add(rule(route.ruleName(), route.eventPattern()));
        }
        String[] operators = {
                "{\"source\":[\"mini-ats\"],\"detail\":{\"stage\":[{\"prefix\":\"inter\"}]}}",
                "{\"detail\":{\"score\":[{\"numeric\":[\">\",50,\"<=\",100]}]}}",
                "{\"detail\":{\"toEmail\":[{\"suffix\":\"@example.com\"}]}}",
                "{\"detail\":{\"companyName\":[{\"equals-ignore-case\":\"acme\"}]}}",
                "{\"detail\":{\"ip\":[{\"cidr\":\"10.0.0.0/8\"}]}}",
                "{\"detail\":{\"path\":[{\"wildcard\":\"*/jobs/*\"}]}}",
                "{\"detail\":{\"candidateId\":[{\"exists\":true}]}}",
                "{\"detail-type\":[{\"anything-but\":[\"send-assessment\",\"send-offer-letter\"]}]}"};
        for (int i = 0; i < 20; i++) {
            rules.add(rule("r" + i, operators[i % operators.length]));
        }
        untraced.ensureBus(BUS);
        traced.ensureBus(BUS);
        for (LocalRule rule : rules) {
            untraced.putRule(rule);
            traced.putRule(rule);
            raw.addRule(rule.machineKey(), rule.eventPattern());
        }
        String[] details = {
                "{\"toEmail\":\"ada@example.com\",\"companyName\":\"Acme\",\"candidateId\":\"c-1\",\"score\":75}",
                "{\"toEmail\":\"bob@example.org\",\"companyName\":\"Insight Partners\",\"candidateId\":\"c-2\"}",
                "{\"toEmail\":\"eve@example.com\",\"stage\":\"interview\",\"ip\":\"10.1.2.3\",\"path\":\"/api/jobs/42\"}",
                "{\"fromEmail\":\"hr@acme.test\",\"score\":12}"};
        String[] types = {"send-assessment", "schedule-interview", "send-offer-letter", "reject"};
        for (int i = 0; i < 16; i++) {
            ObjectNode e = JSON.createObjectNode();
            e.put("version", "0").put("id", "00000000-0000-0000-0000-00000000000" + (i % 10)).put("detail-type", types[i % 4])
                    .put("source", "mini-ats").put("account", "000000000000").put("time", "2026-11-27T00:00:00Z").put("region", "us-east-1");
            e.putArray("resources");
            e.set("detail", JSON.readTree(details[(i / 4) % 4]));
            envelopes.add(e);
            events.add(e.toString());
        }
    }

    private static LocalRule rule(String name, String pattern) {
        return new LocalRule(BUS, name, pattern, null, true, false,
                List.of(Target.lambda("t", "arn:aws:lambda:us-east-1:000000000000:function:ats-noop", RetryPolicy.DEFAULT)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tracerProvider.close();
        dispatcher.close();
        db.close();
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public void rawEventRuler(Blackhole bh) throws Exception {
        for (String event : events) {
            bh.consume(raw.rulesForJSONEvent(event));
        }
    }

    /** The same, from the parsed tree (what the bus hands event-ruler): the baseline without JSON parsing. */
    @Benchmark
    @OperationsPerInvocation(16)
    public void rawEventRulerFromTree(Blackhole bh) {
        for (ObjectNode event : envelopes) {
            bh.consume(raw.rulesForJSONEvent(event));
        }
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public void busUntraced(Blackhole bh) {
        for (int i = 0; i < events.size(); i++) {
            bh.consume(untraced.deliveriesFor(BUS, envelopes.get(i), 0L, null, null));
        }
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public void busWithMatchSpan(Blackhole bh) {
        for (int i = 0; i < events.size(); i++) {
            bh.consume(traced.deliveriesFor(BUS, envelopes.get(i), 0L, null,
                    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));
        }
    }

    /** Drops spans: the benchmark measures making them, not storing them. */
    static final class Discard implements SpanExporter {
        @Override
        public CompletableResultCode export(java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
