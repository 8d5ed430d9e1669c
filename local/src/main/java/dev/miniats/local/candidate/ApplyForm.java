package dev.miniats.local.candidate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.EmailAddress;
import dev.miniats.core.event.InvalidEventException;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.Map;

/**
 * The public apply form of a company's job: {@code /apply/<company>/<job>}. Submitting publishes
 * {@code candidate-applied} once per address, company and job. Thread-safe.
 */
final class ApplyForm {
    /** Applications have no hiring-team sender yet; the event contract requires one. */
    static final String APPLICATIONS_FROM = "applications@mini-ats.local";
    private static final int MAX = 200;

    private final CandidatePages pages;

    ApplyForm(CandidatePages pages) {
        this.pages = pages;
    }

    void form(Context ctx) {
        if (!validPath(ctx)) {
            return;
        }
        pages.send(ctx, 200, "apply", model(ctx, null, "", ""));
    }

    void submit(Context ctx) {
        if (!validPath(ctx)) {
            return;
        }
        if (!pages.csrf().valid(ctx)) {
            pages.refuse(ctx, 403, "This form has expired. Please open the application page again.");
            return;
        }
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").strip();
        String email = ctx.formParam("email") == null ? "" : ctx.formParam("email").strip();
        String problem = null;
        EmailAddress address = null;
        if (name.isEmpty() || name.length() > MAX || name.matches("(?s).*[\\r\\n\\x00].*")) {
            problem = "Please give your name (one line, at most " + MAX + " characters).";
        } else {
            try {
                address = EmailAddress.parse("email", email);
            } catch (InvalidEventException e) {
                problem = "Please give an email address like ada@example.com.";
            }
        }
        if (problem != null) {
            pages.send(ctx, 422, "apply", model(ctx, problem, name, email));
            return;
        }
        String company = ctx.pathParam("company").strip();
        String job = ctx.pathParam("job").strip();
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("toEmail", address.address());
        detail.put("fromEmail", APPLICATIONS_FROM);
        detail.put("companyName", company);
        detail.put("candidateName", name);
        detail.put("job", job);
        pages.publishOnce(ctx, address.address().toLowerCase(Locale.ROOT), "application",
                company.toLowerCase(Locale.ROOT) + "/" + job.toLowerCase(Locale.ROOT), DetailType.CANDIDATE_APPLIED.wireName(), detail);
    }

    private boolean validPath(Context ctx) {
        for (String part : new String[] {ctx.pathParam("company"), ctx.pathParam("job")}) {
            if (part.isBlank() || part.length() > MAX || part.matches("(?s).*[\\p{Cntrl}].*")) {
                pages.refuse(ctx, 404, "There is no such job. Please check the link you followed.");
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> model(Context ctx, String problem, String name, String email) {
        Map<String, Object> model = pages.model(ctx, null);
        model.put("title", "Apply: " + ctx.pathParam("job") + " at " + ctx.pathParam("company"));
        model.put("company", ctx.pathParam("company"));
        model.put("job", ctx.pathParam("job"));
        model.put("problem", problem);
        model.put("name", name);
        model.put("email", email);
        return model;
    }
}
