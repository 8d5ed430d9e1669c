package dev.miniats.local.ats;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.core.pipeline.StageChange;
import dev.miniats.local.aws.AwsException;
import dev.miniats.local.aws.Json;
import dev.miniats.local.aws.QueryStrings;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline read model over HTTP: candidates by their current stage, and one candidate's
 * history. The console's pipeline page reads the same {@link PipelineReadModel}.
 */
final class PipelineApi {
    private final PipelineReadModel pipeline;

    PipelineApi(PipelineReadModel pipeline) {
        this.pipeline = pipeline;
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Change(String stage, String at, String eventId, String companyName, String candidateName) {
        static List<Change> of(List<StageChange> history) {
            return history.stream().map(c -> new Change(c.stage().label(), c.at().toString(), c.eventId(), c.companyName(),
                    c.candidateName())).toList();
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Candidate(String candidateId, String candidateName, String companyName, String stage, String since,
                     List<Change> history) {
    }

    /** {@code counts}: the stages that have candidates, by label. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Candidates(List<Candidate> candidates, Map<String, Integer> counts) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record History(String candidateId, List<Change> history) {
    }

    /** {@code GET /_ats/pipeline?stage=offer sent&limit=&offset=} : candidates whose latest stage is {@code stage}. */
    void candidates(Context ctx) {
        String stageLabel = ctx.queryParam("stage");
        Stage stage = null;
        if (stageLabel != null && !stageLabel.isBlank()) {
            stage = Stage.fromLabel(stageLabel.strip()).orElseThrow(() -> AwsException.validation("Parameter stage is '"
                    + stageLabel + "'; expected one of " + Arrays.stream(Stage.values()).map(Stage::label).toList()));
        }
        int limit = (int) QueryStrings.number(ctx, "limit", 50, 1, 500);
        int offset = (int) QueryStrings.number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        PipelineReadModel.Page page = pipeline.search(null, stage, offset, limit);
        List<Candidate> candidates = page.candidates().stream().map(c -> new Candidate(c.id(), c.name(), c.company(),
                c.stage().label(), c.since().toString(), Change.of(pipeline.history(c.id())))).toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        page.counts().forEach((s, n) -> {
            if (n > 0) {
                counts.put(s.label(), n);
            }
        });
        Json.answer(ctx, "application/json", new Candidates(candidates, counts));
    }

    /** {@code GET /_ats/pipeline/{candidateId}} : one candidate's stage history. */
    void candidate(Context ctx) {
        String id = ctx.pathParam("candidateId");
        List<StageChange> history = pipeline.history(id);
        if (history.isEmpty()) {
            throw AwsException.notFound("Candidate " + id + " has no pipeline history.");
        }
        Json.answer(ctx, "application/json", new History(id, Change.of(history)));
    }
}
