package dev.miniats.functions.pages;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.miniats.core.event.DetailType;
import dev.miniats.core.event.EmailAddress;
import dev.miniats.core.event.InvalidEventException;

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

    PageResponse form(Exchange x) {
        if (!validPath(x)) {
            return pages.refuse(x, 404, "There is no such job. Please check the link you followed.");
        }
        return pages.send(x, 200, "apply", model(x, null, "", ""));
    }

    PageResponse submit(Exchange x) {
        if (!validPath(x)) {
            return pages.refuse(x, 404, "There is no such job. Please check the link you followed.");
        }
        if (!pages.csrf().valid(x.request())) {
            return pages.refuse(x, 403, "This form has expired. Please open the application page again.");
        }
        String name = x.request().form("name") == null ? "" : x.request().form("name").strip();
        String email = x.request().form("email") == null ? "" : x.request().form("email").strip();
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
            return pages.send(x, 422, "apply", model(x, problem, name, email));
        }
        String company = x.segment(1).strip();
        String job = x.segment(2).strip();
        ObjectNode detail = JsonNodeFactory.instance.objectNode();
        detail.put("toEmail", address.address());
        detail.put("fromEmail", APPLICATIONS_FROM);
        detail.put("companyName", company);
        detail.put("candidateName", name);
        detail.put("job", job);
        return pages.publishOnce(x, address.address().toLowerCase(Locale.ROOT), "application",
                company.toLowerCase(Locale.ROOT) + "/" + job.toLowerCase(Locale.ROOT), DetailType.CANDIDATE_APPLIED.wireName(), detail);
    }

    private static boolean validPath(Exchange x) {
        for (String part : new String[] {x.segment(1), x.segment(2)}) {
            if (part.isBlank() || part.length() > MAX || part.matches("(?s).*[\\p{Cntrl}].*")) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> model(Exchange x, String problem, String name, String email) {
        Map<String, Object> model = pages.model(x, null);
        model.put("title", "Apply: " + x.segment(2) + " at " + x.segment(1));
        model.put("company", x.segment(1));
        model.put("job", x.segment(2));
        model.put("problem", problem);
        model.put("name", name);
        model.put("email", email);
        return model;
    }
}
