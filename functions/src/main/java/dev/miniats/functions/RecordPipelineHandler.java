package dev.miniats.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.HiringEvent;
import dev.miniats.core.pipeline.PipelineStore;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;

import java.util.EnumSet;

/**
 * {@code record-pipeline}: adds every mini-ats event to its candidate's stage history. The stage
 * comes from the detail-type ({@link Stage#of}); a partner company's event is the
 * {@code partner roster} stage; a bare detail is {@code received}. Idempotent per event id.
 */
public final class RecordPipelineHandler extends HiringHandler {
    private final PipelineStore pipeline;
    private final FunctionEnvironment environment;

    /** Lambda's entry point: configuration from the environment. */
    public RecordPipelineHandler() {
        this(FunctionEnvironment.fromSystem());
    }

    public RecordPipelineHandler(FunctionEnvironment environment) {
        super(environment, EnumSet.allOf(DetailType.class));
        this.pipeline = environment.stores().pipeline();
        this.environment = environment;
    }

    @Override
    protected ObjectNode handle(HiringEvent event, Context context, FunctionLog log) {
        var detail = event.detail();
        StageChange change = new StageChange(detail.candidateId(), eventId(event, context),
                Stage.of(event.detailType(), environment.isPartner(detail.companyName())),
                event.time(), detail.companyName(), detail.candidateName());
        pipeline.record(change);
        log.info("stage recorded", "stage", change.stage().label());
        ObjectNode result = JSON.createObjectNode();
        result.put("candidateId", change.candidateId());
        result.put("eventId", change.eventId());
        result.put("stage", change.stage().label());
        return result;
    }
}
