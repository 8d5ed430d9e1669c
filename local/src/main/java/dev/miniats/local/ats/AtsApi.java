package dev.miniats.local.ats;

import dev.miniats.core.mail.RosterDigests;
import dev.miniats.local.aws.AwsRoutes;
import dev.miniats.local.aws.AwsService;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.lambda.FunctionRegistry;
import dev.miniats.local.queues.DeadLetterQueues;
import dev.miniats.local.lambda.InvocationStore;
import dev.miniats.local.ses.LocalSes;
import dev.miniats.local.tracing.SpanStore;


/**
 * The runtime's own API under {@code /_ats}: health, events with their deliveries, dead letters and
 * redrive, traces, the functions' logs, the hiring pipeline and the partner roster. JSON over
 * plain HTTP; errors in the REST-JSON shape.
 */
public final class AtsApi implements AwsService {
    private final LocalApi local;
    private final BusApi bus;
    private final LogsApi logs;
    private final PipelineApi pipeline;
    private final RosterApi roster;

    public AtsApi(EventLog log, DeadLetterQueues deadLetters, SpanStore spans, InvocationStore invocations,
                  FunctionRegistry functions, PipelineReadModel pipeline, RosterReadModel roster,
                  RosterDigests digests, LocalSes ses) {
        this.local = new LocalApi(log, deadLetters);
        this.bus = new BusApi(log, deadLetters, spans);
        this.logs = new LogsApi(invocations, functions);
        this.pipeline = new PipelineApi(pipeline);
        this.roster = new RosterApi(roster, digests, ses);
    }

    @Override
    public void register(AwsRoutes routes) {
        var http = routes.http();
        http.get("/_ats/health", local::health);
        http.get("/_ats/events", local::events);
        http.get("/_ats/events/{id}", local::event);
        http.get("/_ats/dead-letters", local::deadLetters);
        http.get("/_ats/dead-letters/dropped", local::droppedLetters);
        http.post("/_ats/dead-letters/redrive", bus::redriveAll);
        http.post("/_ats/dead-letters/{id}/redrive", bus::redriveOne);
        http.get("/_ats/traces/{traceId}", bus::trace);
        http.get("/_ats/logs", logs::invocations);
        http.get("/_ats/pipeline", pipeline::candidates);
        http.get("/_ats/pipeline/{candidateId}", pipeline::candidate);
        http.get("/_ats/roster", roster::days);
        http.get("/_ats/roster.csv", roster::csv);
        http.post("/_ats/roster/digest", roster::digest);
    }
}
