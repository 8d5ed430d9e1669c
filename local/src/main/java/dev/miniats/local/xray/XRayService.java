package dev.miniats.local.xray;

import dev.miniats.local.aws.Arns;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.aws.Json;
import dev.miniats.local.sqlite.Database;
import dev.miniats.local.tracing.BusTracing;
import dev.miniats.local.tracing.SpanStore;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.function.Function;

/**
 * AWS X-Ray on the runtime's port, REST-JSON as the service speaks it
 * (https://docs.aws.amazon.com/xray/latest/api/Welcome.html): {@code POST /TraceSummaries},
 * {@code /Traces}, {@code /ServiceGraph}, {@code /TraceGraph}, {@code /TraceSegments}, over the
 * bus's own spans and the segments users send; plus the daemon's UDP port for X-Ray SDKs, and
 * SES sends recorded as subsegments of the calling function. The public face of the package.
 * Thread-safe.
 */
public final class XRayService implements AwsService, AutoCloseable {
    private static final String CONTENT_TYPE = "application/json";

    private final Traces traces;
    private final XRayApi api;
    private final SesCalls sesCalls;
    private final XRayDaemon daemon;
    private final String bindAddress;

    /**
     * @param daemonPort the UDP port for segment documents; 0 picks a free one
     */
    public XRayService(Database db, SpanStore spans, BusTracing tracing, Arns arns, Clock clock, String bindAddress, int daemonPort) {
        SegmentStore received = new SegmentStore(db);
        this.traces = new Traces(spans, received, new SpanSegments(arns));
        this.api = new XRayApi(traces, received, arns.account(), clock);
        this.sesCalls = new SesCalls(tracing);
        this.bindAddress = bindAddress;
        this.daemon = new XRayDaemon(bindAddress, daemonPort, api::receive);
    }

    @Override
    public void register(AwsRoutes routes) {
        routes.rest("xray")
                .post("/TraceSummaries", ctx -> answer(ctx, XRayModel.GetTraceSummariesRequest.class, api::getTraceSummaries))
                .post("/Traces", ctx -> answer(ctx, XRayModel.BatchGetTracesRequest.class, api::batchGetTraces))
                .post("/ServiceGraph", ctx -> answer(ctx, XRayModel.GetServiceGraphRequest.class, api::getServiceGraph))
                .post("/TraceGraph", ctx -> answer(ctx, XRayModel.GetTraceGraphRequest.class, api::getTraceGraph))
                .post("/TraceSegments", ctx -> answer(ctx, XRayModel.PutTraceSegmentsRequest.class, api::putTraceSegments));
        sesCalls.register(routes.http());
    }

    private static <I, O> void answer(Context ctx, Class<I> type, Function<I, O> operation) {
        Json.answer(ctx, CONTENT_TYPE, operation.apply(Json.body(ctx, type)));
    }

    /** Every trace, for the console's service map and waterfall. */
    public Traces traces() {
        return traces;
    }

    /** The service graph of the traces that started in {@code [fromSeconds, toSeconds]}. */
    public java.util.List<ServiceGraph.Service> serviceGraph(double fromSeconds, double toSeconds) {
        ServiceGraph graph = new ServiceGraph(null);
        traces.between(fromSeconds, toSeconds).forEach(graph::add);
        return graph.services();
    }

    /** What to set {@code AWS_XRAY_DAEMON_ADDRESS} to: {@code host:port} of the UDP port. */
    public String daemonAddress() {
        return (bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress) + ":" + daemon.port();
    }

    public int daemonPort() {
        return daemon.port();
    }

    @Override
    public void close() {
        daemon.close();
    }
}
