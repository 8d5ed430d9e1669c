package dev.miniats.local.console;

import dev.miniats.local.events.EventLog;
import dev.miniats.local.events.StoredEvent;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The pipeline board and the candidate page. */
final class PipelinePages {
    static final int PAGE_SIZE = 50;

    private final Pages pages;
    private final PipelineView view;
    private final ConsoleQueries queries;
    private final EventLog log;

    PipelinePages(Pages pages, PipelineView view, ConsoleQueries queries, EventLog log) {
        this.pages = pages;
        this.view = view;
        this.queries = queries;
        this.log = log;
    }

    void board(Context ctx) {
        Map<String, Object> model = pages.model("pipeline", "Pipeline");
        model.putAll(boardModel(ctx));
        pages.send(ctx, "pipeline", model);
    }

    /** Just the live part, re-fetched by htmx when the feed says something changed. */
    void boardFragment(Context ctx) {
        pages.send(ctx, "pipeline-board", boardModel(ctx));
    }

    private Map<String, Object> boardModel(Context ctx) {
        String query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q");
        Stage stage = Stage.fromKey(ctx.queryParam("stage") == null ? "" : ctx.queryParam("stage")).orElse(null);
        int page = (int) Math.max(1, Math.min(Pages.number(ctx, "page", 1), 1_000_000));
        PipelineView.Board board = view.board(query, stage, page, PAGE_SIZE);
        String filter = "q=" + encode(query) + (stage == null ? "" : "&stage=" + stage.key());
        Map<String, Object> model = new HashMap<>();
        model.put("board", board);
        model.put("query", query);
        model.put("stage", stage == null ? "" : stage.key());
        model.put("self", "/console/pipeline/board?" + filter + "&page=" + board.page());
        model.put("empty", board.candidates().isEmpty());
        if (board.page() > 1) {
            model.put("previous", "/console/?" + filter + "&page=" + (board.page() - 1));
        }
        if (board.page() < board.pages()) {
            model.put("next", "/console/?" + filter + "&page=" + (board.page() + 1));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PipelineView.Candidate c : board.candidates()) {
            rows.add(Map.of("c", c, "href", "/console/candidates/" + encode(c.key()), "updated", Pages.time(c.updatedAt())));
        }
        model.put("rows", rows);
        return model;
    }

    void candidate(Context ctx) {
        String key = ctx.pathParam("key");
        List<StoredEvent> events = queries.candidateEvents(key);
        if (events.isEmpty()) {
            throw new Console.NotFound("No events for candidate " + key);
        }
        PipelineView.Candidate candidate = view.candidate(key).orElse(null);
        Map<String, Object> model = pages.model("pipeline", candidate == null ? key : candidate.name());
        model.put("key", key);
        model.put("self", "/console/candidates/" + encode(key));
        model.put("candidate", candidate);
        List<Map<String, Object>> timeline = new ArrayList<>();
        for (StoredEvent e : events) {
            timeline.add(EventPages.eventModel(e, log.deliveries(e.id())));
        }
        model.put("timeline", timeline);
        String email = candidate != null && candidate.email() != null ? candidate.email()
                : Json.read(events.get(events.size() - 1).envelope()).path("detail").path("toEmail").asText(null);
        List<Map<String, Object>> mailRows = new ArrayList<>();
        if (email != null) {
            for (ConsoleQueries.MailRow m : queries.mails(email, Long.MAX_VALUE, 100)) {
                mailRows.add(MailPages.rowModel(m));
            }
        }
        model.put("mails", mailRows);
        List<Map<String, String>> next = new ArrayList<>();
        Stage stage = candidate == null ? Stage.APPLIED : candidate.stage();
        for (String type : stage.nextSteps()) {
            next.add(Map.of("type", type, "href", "/console/trigger?type=" + type + "&candidate=" + encode(key)));
        }
        model.put("next", next);
        pages.send(ctx, "candidate", model);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
