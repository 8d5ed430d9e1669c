package dev.miniats.functions.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import dev.miniats.core.link.CandidateAction;
import dev.miniats.core.link.InvalidLinkException;
import dev.miniats.core.link.LinkClaims;
import dev.miniats.core.link.LinkSigner;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pages a candidate reaches from a hiring mail, {@code /candidate/<action>/<candidateId>?token=...},
 * and the public apply form, {@code /apply/<company>/<job>}: the one implementation behind the
 * local runtime's routes and the Lambda function URL on AWS ({@link CandidatePagesHandler}).
 * GET shows the question; POST answers it, publishing the answer through PutEvents
 * ({@link AnswerPublisher}) once: a second click changes nothing and says so. A refused token gets
 * a page that says why and changes nothing. Every value is HTML-escaped by Mustache, every page
 * carries a strict CSP, and a POST needs the signed token (unguessable, so no other site can forge
 * one) and the double-submit CSRF cookie. Thread-safe.
 */
public final class CandidatePages {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";

    private final LinkSigner signer;
    private final AnswerStore answers;
    private final AskedEvents asked;
    private final AnswerPublisher publisher;
    private final Csrf csrf = new Csrf();
    private final MustacheFactory mustache = new DefaultMustacheFactory("dev/miniats/candidate");
    private final ApplyForm apply = new ApplyForm(this);

    public CandidatePages(LinkSigner signer, AnswerStore answers, AskedEvents asked, AnswerPublisher publisher) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.asked = Objects.requireNonNull(asked, "asked");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /** Answers one request; never throws for bad input (every refusal is a page). */
    public PageResponse handle(PageRequest request) {
        Exchange x = new Exchange(request);
        boolean get = request.method().equals("GET") || request.method().equals("HEAD");
        boolean post = request.method().equals("POST");
        if (request.path().size() != 3 || !(request.path().get(0).equals("candidate") || request.path().get(0).equals("apply"))) {
            return refuse(x, 404, "There is no such page. Please use the link exactly as it appears in your email.");
        }
        if (!get && !post) {
            return refuse(x, 405, "This page only opens (GET) and answers (POST).");
        }
        if (request.path().get(0).equals("apply")) {
            return get ? apply.form(x) : apply.submit(x);
        }
        return get ? question(x) : answer(x);
    }

    private PageResponse question(Exchange x) {
        String token = x.request().query("token");
        Verified v;
        try {
            v = verify(x, token);
        } catch (Refused refused) {
            return refused.page;
        }
        Map<String, Object> model = model(x, v.action());
        model.put("token", token);
        model.put("company", v.detail().path("companyName").asText(""));
        model.put(v.action().name(), true);
        return send(x, 200, "question", model);
    }

    private PageResponse answer(Exchange x) {
        if (!csrf.valid(x.request())) {
            return refuse(x, 403, "This form has expired. Please open the link from your email again.");
        }
        Verified v;
        try {
            v = verify(x, x.request().form("token"));
        } catch (Refused refused) {
            return refused.page;
        }
        ObjectNode detail = v.detail().deepCopy();
        detail.put("inReplyTo", v.claims().eventId());
        if (v.action() == CandidateAction.COMPLETE_ASSESSMENT) {
            Optional<Integer> score = Assessments.score(x.request()::form);
            if (score.isEmpty()) {
                Map<String, Object> model = model(x, v.action());
                model.put("token", x.request().form("token"));
                model.put(v.action().name(), true);
                model.put("problem", "Please answer every question.");
                return send(x, 422, "question", model);
            }
            detail.with("assessment").put("score", score.get());
        }
        return publishOnce(x, v.claims().candidateId(), topic(v.action()), v.claims().eventId(), v.action().publishes().wireName(), detail);
    }

    /** Publishes {@code detail} unless this question was answered before; renders the outcome. */
    PageResponse publishOnce(Exchange x, String candidateId, String topic, String askedBy, String detailType, ObjectNode detail) {
        Optional<AnswerStore.Answer> before = answers.claim(candidateId, topic, askedBy, detailType);
        Map<String, Object> model = model(x, null);
        model.put("title", "Your answer");
        if (before.isPresent()) {
            model.put("already", true);
            model.put("recorded", Answers.describe(before.get().detailType()));
            model.put("eventId", before.get().answerEventId());
            return send(x, 200, "done", model);
        }
        Optional<String> eventId;
        try {
            eventId = publisher.publish(detailType, detail.toString());
        } catch (RuntimeException e) {
            answers.release(candidateId, topic, askedBy);
            throw e; // the bus is unreachable: Lambda reports it; locally the route answers 500
        }
        if (eventId.isEmpty()) {
            answers.release(candidateId, topic, askedBy);
            return refuse(x, 503, "We could not record your answer just now. Please try again in a minute.");
        }
        answers.published(candidateId, topic, askedBy, eventId.get());
        model.put("recorded", Answers.describe(detailType));
        model.put("eventId", eventId.get());
        return send(x, 200, "done", model);
    }

    private record Verified(LinkClaims claims, CandidateAction action, ObjectNode detail) {
    }

    /** Thrown inside this class when a link is refused; carries the refusal page. */
    private static final class Refused extends RuntimeException {
        private final transient PageResponse page;

        Refused(PageResponse page) {
            super(null, null, false, false);
            this.page = page;
        }
    }

    /** The token's claims and the asking event's detail; {@link Refused} with the page that says why not. */
    private Verified verify(Exchange x, String token) {
        Optional<CandidateAction> action = CandidateAction.fromPathName(x.segment(1));
        if (action.isEmpty()) {
            throw new Refused(refuse(x, 404, "There is no such page. Please use the link exactly as it appears in your email."));
        }
        LinkClaims claims;
        try {
            claims = signer.verify(token, x.segment(2), action.get());
        } catch (InvalidLinkException e) {
            throw new Refused(refuse(x, e.reason() == InvalidLinkException.Reason.EXPIRED ? 410 : 403, e.getMessage()));
        }
        Optional<ObjectNode> detail = asked.detail(claims.eventId());
        if (detail.isEmpty()) {
            throw new Refused(refuse(x, 404, "We could not find the email this link came from. Please reply to that email instead."));
        }
        return new Verified(claims, action.get(), detail.get());
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

    Map<String, Object> model(Exchange x, CandidateAction action) {
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", csrf.token(x.request(), x.setCookies()));
        if (action != null) {
            model.put("title", Answers.title(action));
        }
        return model;
    }

    PageResponse refuse(Exchange x, int status, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", message);
        model.put("title", "This link cannot be used");
        return send(x, status, "refused", model);
    }

    /** A page for a request that could not even be read (see {@link PageRequestException}). */
    public PageResponse unreadable(PageRequestException e) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", "This request could not be read: " + e.getMessage());
        model.put("title", "This link cannot be used");
        return render(e.status(), "refused", model, java.util.List.of());
    }

    PageResponse send(Exchange x, int status, String template, Map<String, ?> model) {
        return render(status, template, model, x.setCookies());
    }

    private PageResponse render(int status, String template, Map<String, ?> model, java.util.List<String> cookies) {
        StringWriter out = new StringWriter();
        mustache.compile(template + ".mustache").execute(out, model);
        return new PageResponse(status, Map.of("Content-Type", "text/html; charset=utf-8",
                "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Cache-Control", "no-store"), cookies, out.toString());
    }

    Csrf csrf() {
        return csrf;
    }
}
