package dev.miniats.local.candidate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import dev.miniats.core.link.CandidateAction;
import dev.miniats.core.link.InvalidLinkException;
import dev.miniats.core.link.LinkClaims;
import dev.miniats.core.link.LinkSigner;
import dev.miniats.core.routing.RoutingDeclaration;
import dev.miniats.local.events.EventBus;
import dev.miniats.local.events.EventLog;
import dev.miniats.local.events.PutEventsEntry;
import dev.miniats.local.events.PutEventsResult;
import dev.miniats.local.sqlite.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.StringWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pages a candidate reaches from a hiring mail: {@code /candidate/<action>/<candidateId>?token=...}.
 * GET shows the question; POST answers it, publishing the answer through {@link EventBus#put} (the
 * PutEvents path) once: a second click changes nothing and says so. A refused token gets a page
 * that says why and changes nothing. Every value is HTML-escaped by Mustache, every page carries a
 * strict CSP, and a POST needs the signed token (unguessable, so no other site can forge one) and
 * the double-submit CSRF cookie. Thread-safe.
 */
public final class CandidatePages {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinkSigner signer;
    private final CandidateAnswers answers;
    private final EventLog log;
    private final EventBus bus;
    private final String busName;
    private final Csrf csrf = new Csrf();
    private final MustacheFactory mustache = new DefaultMustacheFactory("dev/miniats/candidate");
    private final ApplyForm apply;

    public CandidatePages(LinkSigner signer, Database db, EventLog log, EventBus bus, String busName, Clock clock) {
        this.signer = signer;
        this.answers = new CandidateAnswers(db, clock);
        this.log = log;
        this.bus = bus;
        this.busName = busName;
        this.apply = new ApplyForm(this);
    }

    public void register(RoutesConfig routes) {
        routes.get("/candidate/{action}/{candidate}", this::question);
        routes.post("/candidate/{action}/{candidate}", this::answer);
        routes.get("/apply/{company}/{job}", apply::form);
        routes.post("/apply/{company}/{job}", apply::submit);
    }

    private void question(Context ctx) {
        Optional<Verified> verified = verify(ctx, ctx.queryParam("token"));
        if (verified.isEmpty()) {
            return;
        }
        Verified v = verified.get();
        Map<String, Object> model = model(ctx, v.action());
        model.put("token", ctx.queryParam("token"));
        model.put("company", v.detail().path("companyName").asText(""));
        model.put(v.action().name(), true);
        send(ctx, 200, "question", model);
    }

    private void answer(Context ctx) {
        if (!csrf.valid(ctx)) {
            refuse(ctx, 403, "This form has expired. Please open the link from your email again.");
            return;
        }
        Optional<Verified> verified = verify(ctx, ctx.formParam("token"));
        if (verified.isEmpty()) {
            return;
        }
        Verified v = verified.get();
        ObjectNode detail = v.detail().deepCopy();
        detail.put("inReplyTo", v.claims().eventId());
        if (v.action() == CandidateAction.COMPLETE_ASSESSMENT) {
            Optional<Integer> score = Assessments.score(ctx::formParam);
            if (score.isEmpty()) {
                Map<String, Object> model = model(ctx, v.action());
                model.put("token", ctx.formParam("token"));
                model.put(v.action().name(), true);
                model.put("problem", "Please answer every question.");
                send(ctx, 422, "question", model);
                return;
            }
            detail.with("assessment").put("score", score.get());
        }
        publishOnce(ctx, v.claims().candidateId(), topic(v.action()), v.claims().eventId(), v.action().publishes().wireName(), detail);
    }

    /** Publishes {@code detail} unless this question was answered before; renders the outcome. */
    void publishOnce(Context ctx, String candidateId, String topic, String askedBy, String detailType, ObjectNode detail) {
        Optional<CandidateAnswers.Answer> before = answers.claim(candidateId, topic, askedBy, detailType);
        Map<String, Object> model = model(ctx, null);
        model.put("title", "Your answer");
        if (before.isPresent()) {
            model.put("already", true);
            model.put("recorded", Answers.describe(before.get().detailType()));
            model.put("eventId", before.get().answerEventId());
            send(ctx, 200, "done", model);
            return;
        }
        PutEventsResult result = bus.put(List.of(new PutEventsEntry(RoutingDeclaration.SOURCE, detailType, detail.toString(),
                busName, null, List.of(), null)), null).get(0);
        if (result.eventId() == null) {
            answers.release(candidateId, topic, askedBy);
            refuse(ctx, 503, "We could not record your answer just now. Please try again in a minute.");
            return;
        }
        answers.published(candidateId, topic, askedBy, result.eventId());
        model.put("recorded", Answers.describe(detailType));
        model.put("eventId", result.eventId());
        send(ctx, 200, "done", model);
    }

    private record Verified(LinkClaims claims, CandidateAction action, ObjectNode detail) {
    }

    /** The token's claims and the asking event's detail, or empty after rendering the refusal. */
    private Optional<Verified> verify(Context ctx, String token) {
        Optional<CandidateAction> action = CandidateAction.fromPathName(ctx.pathParam("action"));
        if (action.isEmpty()) {
            refuse(ctx, 404, "There is no such page. Please use the link exactly as it appears in your email.");
            return Optional.empty();
        }
        LinkClaims claims;
        try {
            claims = signer.verify(token, ctx.pathParam("candidate"), action.get());
        } catch (InvalidLinkException e) {
            refuse(ctx, e.reason() == InvalidLinkException.Reason.EXPIRED ? 410 : 403, e.getMessage());
            return Optional.empty();
        }
        Optional<ObjectNode> detail = log.event(claims.eventId()).flatMap(CandidatePages::detailOf);
        if (detail.isEmpty()) {
            refuse(ctx, 404, "We could not find the email this link came from. Please reply to that email instead.");
            return Optional.empty();
        }
        return Optional.of(new Verified(claims, action.get(), detail.get()));
    }

    private static Optional<ObjectNode> detailOf(dev.miniats.local.events.StoredEvent event) {
        try {
            JsonNode detail = JSON.readTree(event.envelope()).get("detail");
            return detail != null && detail.isObject() ? Optional.of((ObjectNode) detail) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Answers to one question share a topic: accepting and declining the same offer is one answer. */
    private static String topic(CandidateAction action) {
        return switch (action) {
            case COMPLETE_ASSESSMENT -> "assessment";
            case ACCEPT_OFFER, DECLINE_OFFER -> "offer";
            case CONFIRM_INTERVIEW, RESCHEDULE_INTERVIEW, DECLINE_INTERVIEW -> "interview";
            case WITHDRAW -> "withdrawal";
        };
    }

    Map<String, Object> model(Context ctx, CandidateAction action) {
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", csrf.token(ctx));
        if (action != null) {
            model.put("title", Answers.title(action));
        }
        return model;
    }

    void refuse(Context ctx, int status, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", message);
        model.put("title", "This link cannot be used");
        send(ctx, status, "refused", model);
    }

    void send(Context ctx, int status, String template, Map<String, ?> model) {
        StringWriter out = new StringWriter();
        mustache.compile(template + ".mustache").execute(out, model);
        ctx.status(status);
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        ctx.html(out.toString());
    }

    Csrf csrf() {
        return csrf;
    }
}
