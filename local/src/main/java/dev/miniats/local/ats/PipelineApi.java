package dev.miniats.local.ats;

import dev.miniats.local.aws.Json;

import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.QueryStrings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;
import dev.miniats.local.sqlite.SqlitePipelineStore;
import io.javalin.http.Context;

import java.util.List;

/**
 * The pipeline projection over HTTP: candidates by their current stage, and one candidate's history.
 */
final class PipelineApi {
    private final SqlitePipelineStore pipeline;

    PipelineApi(SqlitePipelineStore pipeline) {
        this.pipeline = pipeline;
    }

    /** {@code GET /_ats/pipeline?stage=offer sent&limit=&offset=} : candidates whose latest stage is {@code stage}. */
    void candidates(Context ctx) {
        String stageLabel = ctx.queryParam("stage");
        Stage stage = null;
        if (stageLabel != null && !stageLabel.isBlank()) {
            stage = Stage.fromLabel(stageLabel.strip()).orElseThrow(() -> AwsException.validation("Parameter stage is '"
                    + stageLabel + "'; expected one of " + java.util.Arrays.stream(Stage.values()).map(Stage::label).toList()));
        }
        int limit = (int) QueryStrings.number(ctx, "limit", 50, 1, 500);
        int offset = (int) QueryStrings.number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = answer.putArray("candidates");
        for (SqlitePipelineStore.Candidate c : pipeline.candidates(stage, limit, offset)) {
            ObjectNode node = list.addObject();
            node.put("candidateId", c.candidateId());
            node.put("candidateName", c.candidateName());
            node.put("companyName", c.companyName());
            node.put("stage", c.stage().label());
            node.put("since", c.since().toString());
            node.set("history", history(pipeline.history(c.candidateId())));
        }
        ObjectNode counts = answer.putObject("counts");
        pipeline.countsByStage().forEach((s, n) -> counts.put(s.label(), n));
        Json.answer(ctx, "application/json", answer);
    }

    /** {@code GET /_ats/pipeline/{candidateId}} : one candidate's stage history. */
    void candidate(Context ctx) {
        List<StageChange> history = pipeline.history(ctx.pathParam("candidateId"));
        if (history.isEmpty()) {
            throw AwsException.notFound("Candidate " + ctx.pathParam("candidateId") + " has no pipeline history.");
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("candidateId", ctx.pathParam("candidateId"));
        answer.set("history", history(history));
        Json.answer(ctx, "application/json", answer);
    }

    private static ArrayNode history(List<StageChange> changes) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (StageChange change : changes) {
            ObjectNode node = out.addObject();
            node.put("stage", change.stage().label());
            node.put("at", change.at().toString());
            node.put("eventId", change.eventId());
            node.put("companyName", change.companyName());
            node.put("candidateName", change.candidateName());
        }
        return out;
    }
}
