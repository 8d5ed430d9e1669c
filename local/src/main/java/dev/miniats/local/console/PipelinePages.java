package dev.miniats.local.console;

import dev.miniats.core.event.DetailType;
import dev.miniats.core.pipeline.PipelineFlow;
import dev.miniats.core.pipeline.Stage;
import dev.miniats.local.ats.ActivityReadModel;
import dev.miniats.local.ats.PipelineReadModel;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.replies.CalendarReplyReceiver;
import dev.miniats.local.events.StoredEvent;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline board and the candidate page, over {@link PipelineReadModel}: the same stages, by
 * core's {@link Stage}, that {@code /_ats/pipeline} answers.
 */
final class PipelinePages {
    static final int PAGE_SIZE = 50;
    /** A candidate answers an interview a handful of times; more than this is a mail loop, not history. */
    static final int REPLIES_SHOWN = 50;

    private final Pages pages;
    private final PipelineReadModel pipeline;
    private final ActivityReadModel activity;
    private final EventLog log;
    private final CalendarReplyReceiver calendarReplies;

    PipelinePages(Pages pages, PipelineReadModel pipeline, ActivityReadModel activity, EventLog log,
                  CalendarReplyReceiver calendarReplies) {
        this.pages = pages;
        this.pipeline = pipeline;
        this.activity = activity;
        this.log = log;
        this.calendarReplies = calendarReplies;
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
        Stage stage = stageOfKey(ctx.queryParam("stage")).orElse(null);
        int requested = (int) Math.max(1, Math.min(Pages.number(ctx, "page", 1), 1_000_000));
        PipelineReadModel.Page first = pipeline.search(query, stage, (requested - 1) * PAGE_SIZE, PAGE_SIZE);
        int pages = Math.max(1, (first.matching() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(requested, pages);
        // A page past the end shows the last one, as a link kept from a longer list expects.
        PipelineReadModel.Page shown = page == requested ? first : pipeline.search(query, stage, (page - 1) * PAGE_SIZE, PAGE_SIZE);
        String filter = "q=" + encode(query) + (stage == null ? "" : "&stage=" + key(stage));
        Map<String, Object> model = new HashMap<>();
        model.put("board", Map.of("stages", funnel(shown.counts(), stage), "total", shown.total(), "matching", shown.matching(),
                "page", page, "pages", pages));
        model.put("query", query);
        model.put("stage", stage == null ? "" : key(stage));
        model.put("self", "/console/pipeline/board?" + filter + "&page=" + page);
        model.put("empty", shown.candidates().isEmpty());
        if (page > 1) {
            model.put("previous", "/console/?" + filter + "&page=" + (page - 1));
        }
        if (page < pages) {
            model.put("next", "/console/?" + filter + "&page=" + (page + 1));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PipelineReadModel.Candidate c : shown.candidates()) {
            Map<String, Object> row = candidateModel(c);
            row.put("href", "/console/candidates/" + encode(c.id()));
            row.put("updated", Pages.time(c.since().toEpochMilli()));
            rows.add(row);
        }
        model.put("rows", rows);
        model.put("flow", flowModel(pipeline.flow()));
        return model;
    }

    /** The funnel's steps with reached, conversion to the next step and median time in stage, and the exits. */
    private static Map<String, Object> flowModel(PipelineFlow flow) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (PipelineFlow.Step step : flow.steps()) {
            Map<String, Object> row = new HashMap<>();
            row.put("key", key(step.stage()));
            row.put("label", step.stage().label());
            row.put("reached", step.reached());
            row.put("conversion", step.conversion().map(p -> p + "%").orElse("–"));
            row.put("time", step.medianTime().map(PipelinePages::duration).orElse("–"));
            row.put("left", step.left());
            steps.add(row);
        }
        return Map.of("steps", steps, "rejected", flow.rejected(), "withdrawn", flow.withdrawn());
    }

    /** A stay as a person reads it: days and hours, hours and minutes, or minutes. */
    static String duration(java.time.Duration d) {
        if (d.toDays() > 0) {
            return d.toDays() + " d " + d.toHoursPart() + " h";
        }
        if (d.toHours() > 0) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(d.toMinutes(), d.isZero() ? 0 : 1) + " min";
    }

    /** Every stage in funnel order, with its bar as a share of the largest stage (at least a sliver when not empty). */
    private static List<Map<String, Object>> funnel(Map<Stage, Integer> counts, Stage selected) {
        int largest = counts.values().stream().max(Integer::compare).orElse(0);
        List<Map<String, Object>> stages = new ArrayList<>();
        counts.forEach((s, n) -> stages.add(Map.of("key", key(s), "label", s.label(), "count", n,
                "percent", largest == 0 ? 0 : Math.max(n == 0 ? 0 : 1, n * 100 / largest), "selected", s == selected)));
        return stages;
    }

    void candidate(Context ctx) {
        String key = ctx.pathParam("key");
        List<StoredEvent> events = activity.candidateEvents(key);
        Optional<PipelineReadModel.Candidate> candidate = pipeline.candidate(key);
        if (events.isEmpty() && candidate.isEmpty()) {
            throw new Console.NotFound("No events for candidate " + key);
        }
        Map<String, Object> model = pages.model("pipeline", candidate.map(PipelineReadModel.Candidate::name).orElse(key));
        model.put("key", key);
        model.put("self", "/console/candidates/" + encode(key));
        String email = events.isEmpty() ? null
                : Json.read(events.get(events.size() - 1).envelope()).path("detail").path("toEmail").asText(null);
        candidate.ifPresent(c -> {
            Map<String, Object> facts = candidateModel(c);
            facts.put("email", email == null ? "" : email);
            model.put("candidate", facts);
        });
        List<Map<String, Object>> timeline = new ArrayList<>();
        Map<String, String> typeOf = new HashMap<>();
        for (StoredEvent e : events) {
            typeOf.put(e.id(), e.detailType());
        }
        for (StoredEvent e : events) {
            Map<String, Object> row = EventPages.eventModel(e, log.deliveries(e.id()));
            answerOf(Json.read(e.envelope()).path("detail"), typeOf).ifPresent(answer -> row.put("answer", answer));
            timeline.add(row);
        }
        model.put("timeline", timeline);
        List<Map<String, Object>> mailRows = new ArrayList<>();
        if (email != null) {
            for (ActivityReadModel.MailRow m : activity.mails(email, Long.MAX_VALUE, 100)) {
                mailRows.add(MailPages.rowModel(m));
            }
        }
        model.put("mails", mailRows);
        model.put("replies", replyRows(key));
        List<Map<String, String>> next = new ArrayList<>();
        for (DetailType type : nextSteps(candidate.map(PipelineReadModel.Candidate::stage).orElse(null))) {
            next.add(Map.of("type", type.wireName(), "href", "/console/trigger?type=" + type.wireName() + "&candidate=" + encode(key)));
        }
        model.put("next", next);
        pages.send(ctx, "candidate", model);
    }

    /**
     * A candidate's answer names the event that asked ({@code inReplyTo}, set by the candidate pages
     * and the calendar replies); the timeline links the two and says how the candidate answered.
     */
    private static Optional<Map<String, Object>> answerOf(com.fasterxml.jackson.databind.JsonNode detail, Map<String, String> typeOf) {
        String asked = detail.path("inReplyTo").asText("");
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> answer = new HashMap<>();
        answer.put("askedHref", "/console/events/" + encode(asked));
        answer.put("askedType", typeOf.getOrDefault(asked, asked));
        com.fasterxml.jackson.databind.JsonNode reply = detail.path("calendarReply");
        answer.put("via", reply.isObject() ? "calendar reply (" + reply.path("partStat").asText() + ", SEQUENCE "
                + reply.path("sequence").asText() + ")" : "candidate page");
        return Optional.of(answer);
    }

    /**
     * Every calendar reply of the candidate, newest first, with what it did: the event it published,
     * or why it changed nothing (TENTATIVE, a duplicate, an older SEQUENCE, a cancelled interview...).
     */
    private List<Map<String, Object>> replyRows(String candidateId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CalendarReplyReceiver.Reply r : calendarReplies.replies(candidateId, REPLIES_SHOWN)) {
            Map<String, Object> row = new HashMap<>();
            row.put("time", r.receivedAt());
            row.put("partStat", r.partStat() == null ? "?" : r.partStat());
            row.put("sequence", r.sequence() == null ? "?" : r.sequence().toString());
            row.put("outcome", r.outcome());
            row.put("reason", r.reason() == null ? "" : r.reason());
            if (r.eventId() != null) {
                row.put("eventId", r.eventId());
                row.put("eventHref", "/console/events/" + encode(r.eventId()));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> candidateModel(PipelineReadModel.Candidate c) {
        Map<String, Object> model = new HashMap<>();
        model.put("key", c.id());
        model.put("name", c.name());
        model.put("company", c.company());
        model.put("stageKey", key(c.stage()));
        model.put("stageLabel", c.stage().label());
        return model;
    }

    /**
     * The events a recruiter would send next from {@code stage} (null: nothing recorded yet). A
     * cancelled interview starts over; an offer or a partner's roster ends the console's part.
     */
    static List<DetailType> nextSteps(Stage stage) {
        if (stage == null) {
            return List.of(DetailType.SEND_ASSESSMENT, DetailType.SCHEDULE_INTERVIEW);
        }
        return switch (stage) {
            case RECEIVED, INTERVIEW_CANCELLED, APPLIED -> List.of(DetailType.SEND_ASSESSMENT, DetailType.SCHEDULE_INTERVIEW,
                    DetailType.REJECT_CANDIDATE);
            case ASSESSMENT_SENT, ASSESSMENT_COMPLETED -> List.of(DetailType.SCHEDULE_INTERVIEW, DetailType.SEND_OFFER_LETTER,
                    DetailType.REJECT_CANDIDATE);
            case INTERVIEW_SCHEDULED, INTERVIEW_RESCHEDULED, INTERVIEW_CONFIRMED, INTERVIEW_DECLINED, INTERVIEW_RESCHEDULE_REQUESTED ->
                    List.of(DetailType.RESCHEDULE_INTERVIEW, DetailType.CANCEL_INTERVIEW, DetailType.SEND_OFFER_LETTER,
                            DetailType.REJECT_CANDIDATE);
            case OFFER_SENT, OFFER_DECLINED -> List.of(DetailType.REJECT_CANDIDATE);
            case HIRED, REJECTED, WITHDRAWN, PARTNER_ROSTER -> List.of();
        };
    }

    /** A stage as URLs and CSS classes name it: its label with dashes, e.g. {@code offer-sent}. */
    static String key(Stage stage) {
        return stage.label().replace(' ', '-');
    }

    static Optional<Stage> stageOfKey(String key) {
        return Arrays.stream(Stage.values()).filter(s -> key(s).equals(key)).findFirst();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
